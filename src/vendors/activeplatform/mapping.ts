import type { VendorHttpResponse } from "../http/vendor-http";
import { parseVendorTimestamp } from "../http/vendor-dates";
import { isJsonObject, objectField, textField, type JsonObject } from "../http/vendor-json";
import { invalidRequest, refused, unknownOutcome } from "../vendor-outcomes";
import type { VendorOperationRequest, VendorOutcome } from "../vendor-service";
import { ACTIVEPLATFORM_TITLES, CANCELLED_STATUS } from "./contract";

const NUMERIC_ID = /^\d+$/;

/** The reseller and payment ids of the path; both are ActivePlatform numbers. */
export function toCancelTarget(request: VendorOperationRequest): { resellerId: string; paymentId: string } | { refusal: VendorOutcome } {
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

/**
 * After the wrong-state 422, the payment as read back: already cancelled means an earlier cancel
 * went through (ALREADY_DONE); anything else keeps the wrong-state refusal.
 */
export function fromReadBack(wrongState: VendorOutcome, { status, body }: VendorHttpResponse): VendorOutcome {
  if (status !== 200) return wrongState;
  const paymentStatus = textField(paymentAttributes(isJsonObject(body) ? body : undefined), "status");
  if (paymentStatus === CANCELLED_STATUS && wrongState.kind === "refused") {
    return refused("ALREADY_DONE", wrongState.vendorCode, "Payment is already cancelled.");
  }
  return wrongState;
}
