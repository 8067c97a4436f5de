import { BadInputError } from "../domain/bad-input";
import { PaymentOrder } from "../domain/identifiers";
import { isUuid } from "../domain/uuid";

/** Position of a payment in a listing order: the order's key (issued on, or amount as decimal text), then id. */
export interface PaymentCursor {
  order: PaymentOrder;
  key: Date | string;
  id: string;
}

/** What each order sorts by, and which way; id breaks ties in the same direction. */
export const ORDER_KEYS: Record<PaymentOrder, { column: "issued_on" | "amount"; descending: boolean }> = {
  [PaymentOrder.ISSUED_ON_DESC]: { column: "issued_on", descending: true },
  [PaymentOrder.ISSUED_ON_ASC]: { column: "issued_on", descending: false },
  [PaymentOrder.AMOUNT_DESC]: { column: "amount", descending: true },
  [PaymentOrder.AMOUNT_ASC]: { column: "amount", descending: false },
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DECIMAL = /^-?\d{1,40}(\.\d{1,40})?$/;

/** The cursor of a payment in an order (newest issued first keeps the cursors it always handed out). */
export function encodePaymentCursor(order: PaymentOrder, payment: { issuedOn: Date; amount: string; id: string }): string {
  const key = ORDER_KEYS[order].column === "issued_on" ? payment.issuedOn.toISOString() : payment.amount;
  const prefix = order === PaymentOrder.ISSUED_ON_DESC ? "payment:" : `payment:${order}:`;
  return Buffer.from(`${prefix}${key}|${payment.id}`, "utf8").toString("base64url");
}

function refused(): never {
  throw new BadInputError("`after` is not a cursor handed out by this API for this order: pass pageInfo.endCursor of the previous page, with the same orderBy.", "after");
}

/** Reads a cursor given back by a client for this order; anything this API did not hand out for it is a user error. */
export function decodePaymentCursor(text: string, order: PaymentOrder = PaymentOrder.ISSUED_ON_DESC): PaymentCursor {
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(text) ? Buffer.from(text, "base64url").toString("utf8") : "";
  const prefix = order === PaymentOrder.ISSUED_ON_DESC ? "payment:" : `payment:${order}:`;
  if (!decoded.startsWith(prefix)) refused();
  const match = /^([^|]+)\|(.+)$/.exec(decoded.slice(prefix.length));
  if (!match || !isUuid(match[2])) refused();
  const [, keyText, id] = match;
  if (ORDER_KEYS[order].column === "amount") {
    if (!DECIMAL.test(keyText)) refused();
    return { order, key: keyText, id };
  }
  const issuedOn = ISO_INSTANT.test(keyText) ? new Date(keyText) : null;
  if (!issuedOn || Number.isNaN(issuedOn.getTime())) refused();
  return { order, key: issuedOn, id };
}
