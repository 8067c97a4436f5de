import type { VendorHttpResponse } from "../http/vendor-http";
import { parseVendorTimestamp } from "../http/vendor-dates";
import { isJsonObject, objectField, textField, type JsonObject } from "../http/vendor-json";
import { invalidRequest, refused, unknownOutcome } from "../vendor-outcomes";
import type { CancelRequest, VendorOutcome, VendorPaymentState } from "../vendor-service";
import { ACTIVEPLATFORM_TITLES, CANCELLED_STATUS } from "./contract";

const NUMERIC_ID = /^\d+$/;

/** The reseller and payment ids of the path; both are ActivePlatform numbers. */
export interface CancelTarget {
  resellerId: string;
  paymentId: string;
}

export function toCancelTarget(request: Pick<CancelRequest, "payment">): CancelTarget | { refusal: VendorOutcome } {
  const { vendorResellerId, vendorPaymentId } = request.payment;
  if (!vendorResellerId || !NUMERIC_ID.test(vendorResellerId)) {
    return { refusal: invalidRequest("ActivePlatform needs the payment's reseller id (a number); this payment has none") };
  }
  if (!NUMERIC_ID.test(vendorPaymentId)) {
    return { refusal: invalidRequest("ActivePlatform payment ids are numbers; this payment's id is not") };
  }
  return { resellerId: vendorResellerId, paymentId: vendorPaymentId };
}

/** The `errors` member: the page shows one object; a JSON:API array is read too (its first error). */
function firstError(body: JsonObject | undefined): JsonObject | undefined {
  const errors = body?.errors;
  if (Array.isArray(errors)) return isJsonObject(errors[0]) ? errors[0] : undefined;
  return isJsonObject(errors) ? errors : undefined;
}

function paymentAttributes(body: JsonObject | undefined): JsonObject | undefined {
  return objectField(objectField(body, "data"), "attributes");
}

export function fromCancelAnswer({ status, body }: VendorHttpResponse): VendorOutcome {
  const document = isJsonObject(body) ? body : undefined;
  if (status >= 500) return unknownOutcome(`vendor error (HTTP ${status})`);
  if (status === 200) {
    const attributes = paymentAttributes(document);
    const paymentStatus = textField(attributes, "status");
    if (paymentStatus !== CANCELLED_STATUS) return unknownOutcome(`cancel answered with payment status ${paymentStatus ?? "missing"}`);
    return { kind: "succeeded", details: { closedAt: parseVendorTimestamp(textField(attributes, "closed_at")) } };
  }
  const error = firstError(document);
  if (!error) return unknownOutcome(`unrecognised answer (HTTP ${status})`);
  const title = textField(error, "title") ?? `HTTP ${status}`;
  const code = textField(error, "status") ?? String(status);
  if (status === 422 && title === ACTIVEPLATFORM_TITLES.wrongState) return refused("WRONG_STATE", code, title);
  if (status === 422 && title === ACTIVEPLATFORM_TITLES.postpaid) return refused("POSTPAID", code, title);
  return refused("OTHER", code, title);
}

/** The payment as read back (`GET` of the same resource): cancelled, or not (with its status). */
export function paymentStateOf({ status, body }: VendorHttpResponse): VendorPaymentState {
  if (status >= 500) return { kind: "unknown", cause: `vendor error (HTTP ${status})` };
  if (status !== 200) return { kind: "unknown", cause: `the payment could not be read (HTTP ${status})` };
  const attributes = paymentAttributes(isJsonObject(body) ? body : undefined);
  const paymentStatus = textField(attributes, "status");
  if (paymentStatus === null) return { kind: "unknown", cause: "the payment read back has no status" };
  if (paymentStatus !== CANCELLED_STATUS) return { kind: "not-done", vendorStatus: paymentStatus };
  return { kind: "done", details: { closedAt: parseVendorTimestamp(textField(attributes, "closed_at")) } };
}

/**
 * After the wrong-state 422, the payment as read back: already cancelled means an earlier cancel
 * went through (ALREADY_DONE, with its closing time); another status keeps the wrong-state
 * refusal; a read that failed leaves the outcome unknown, since the refusal may hide a success.
 */
export function fromReadBack(wrongState: Extract<VendorOutcome, { kind: "refused" }>, state: VendorPaymentState): VendorOutcome {
  switch (state.kind) {
    case "done":
      return { kind: "refused", reason: "ALREADY_DONE", vendorCode: wrongState.vendorCode, vendorMessage: "Payment is already cancelled.", details: state.details };
    case "not-done":
      return wrongState;
    case "unknown":
      return unknownOutcome(`the cancel was refused (${wrongState.vendorMessage}) and the payment could not be read back: ${state.cause}`);
  }
}
