import { BadInputError } from "../domain/bad-input";
import { isUuid } from "../domain/uuid";

/** Position of a payment in the listing order (issued on, then id, both descending). */
export interface PaymentCursor {
  issuedOn: Date;
  id: string;
}


export function encodePaymentCursor(cursor: PaymentCursor): string {
  return Buffer.from(`payment:${cursor.issuedOn.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

/** Reads a cursor given back by a client; anything this API did not hand out is a user error. */
export function decodePaymentCursor(text: string): PaymentCursor {
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(text) ? Buffer.from(text, "base64url").toString("utf8") : "";
  const match = /^payment:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(.+)$/.exec(decoded);
  const issuedOn = match ? new Date(match[1]) : null;
  if (!match || !issuedOn || Number.isNaN(issuedOn.getTime()) || !isUuid(match[2])) {
    throw new BadInputError("`after` is not a cursor handed out by this API: pass pageInfo.endCursor of the previous page.", "after");
  }
  return { issuedOn, id: match[2] };
}
