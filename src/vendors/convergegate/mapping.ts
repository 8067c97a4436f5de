import type { VendorHttpResponse } from "../http/vendor-http";
import { isJsonObject, objectField, textField } from "../http/vendor-json";
import { invalidRequest, refused, unknownOutcome } from "../vendor-outcomes";
import type { VoidRequest, VendorOutcome, VendorRefusalReason } from "../vendor-service";
import { CONVERGEGATE_ERRORS, CONVERGEGATE_GATEWAY_NAME, PAYMENT_ID_PATTERN } from "./contract";

/** The id to void, or the refusal when it cannot be a ConvergeGate id (never sent). */
export function toVoidPaymentId(request: VoidRequest): { id: string } | { refusal: VendorOutcome } {
  const id = request.payment.vendorPaymentId;
  if (!PAYMENT_ID_PATTERN.test(id)) {
    return { refusal: invalidRequest("ConvergeGate payment ids are 32 letters or digits; this payment's id is not") };
  }
  return { id };
}

/**
 * What each error of the contract means for a void; a code outside the contract is a refusal
 * (OTHER). Unknown: the void may have happened.
 */
export const CONVERGEGATE_ERROR_MEANING: Readonly<Record<keyof typeof CONVERGEGATE_ERRORS, VendorRefusalReason | "unknown">> = {
  unauthorized: "OTHER",
  invalidPaymentId: "OTHER",
  notFound: "OTHER",
  wrongState: "WRONG_STATE",
  alreadyCancelled: "ALREADY_DONE",
  internal: "unknown",
};

const MEANING_BY_CODE = new Map<string, VendorRefusalReason | "unknown">(
  (Object.keys(CONVERGEGATE_ERRORS) as Array<keyof typeof CONVERGEGATE_ERRORS>).map((name) => [CONVERGEGATE_ERRORS[name].code, CONVERGEGATE_ERROR_MEANING[name]]),
);

/**
 * A 200 whose `result.state` is CANCELLED is a void. On the page `result.id` is the gateway's id
 * of the payment: it must be the one we voided, and it is kept as the gateway reference.
 * `result.referenceId` is the merchant's own reference ("payment-123"); nothing on the page says
 * it is our reference number, so it is neither compared nor required.
 */
export function fromVoidAnswer({ status, body }: VendorHttpResponse, voidedId: string): VendorOutcome {
  if (!isJsonObject(body)) return unknownOutcome(`unreadable answer (HTTP ${status})`);
  if (status === 200) {
    const result = objectField(body, "result");
    const state = textField(result, "state");
    if (state !== "CANCELLED") return unknownOutcome(`void answered with payment state ${state ?? "missing"}`);
    const id = textField(result, "id");
    if (id !== voidedId) return unknownOutcome("void answered for another payment id");
    return { kind: "succeeded", details: { gatewayName: CONVERGEGATE_GATEWAY_NAME, gatewayReferenceNumber: id } };
  }
  if (status >= 500) return unknownOutcome(`vendor error (HTTP ${status})`);
  const code = textField(body, "errorCode") ?? `HTTP_${status}`;
  const message = textField(body, "errorMessage") ?? `ConvergeGate answered HTTP ${status}`;
  const meaning = MEANING_BY_CODE.get(code) ?? "OTHER";
  return meaning === "unknown" ? unknownOutcome(`ConvergeGate ${code}: ${message}`) : refused(meaning, code, message);
}
