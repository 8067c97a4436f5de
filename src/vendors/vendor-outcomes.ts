import type { PaymentOperation } from "../domain/payment-operation";
import type { VendorOutcome, VendorRefusalReason, VendorService } from "./vendor-service";

/** Outcome builders shared by the four adapters. */
export function refused(reason: VendorRefusalReason, vendorCode: string, vendorMessage: string): VendorOutcome {
  return { kind: "refused", reason, vendorCode, vendorMessage };
}

export function unknownOutcome(cause: string): VendorOutcome {
  return { kind: "unknown", cause };
}

/** Local refusal codes: the request was checked here and never sent to the vendor. */
export const LOCAL_REFUSAL = {
  unsupportedOperation: "unsupported-operation",
  invalidRequest: "invalid-request",
} as const;

/** The operation is not one the vendor offers: refused here, nothing sent. */
export function unsupportedOperation(service: Pick<VendorService, "capabilities"> & { title: string }, operation: PaymentOperation): VendorOutcome | null {
  if (service.capabilities.has(operation)) return null;
  return refused("OTHER", LOCAL_REFUSAL.unsupportedOperation, `${service.title} does not support ${operation}`);
}

export function invalidRequest(message: string): VendorOutcome {
  return refused("OTHER", LOCAL_REFUSAL.invalidRequest, message);
}

/** Replaces every configured secret in vendor-supplied text, so that none reaches an outcome or a log. */
export function withoutSecrets(outcome: VendorOutcome, secrets: readonly string[]): VendorOutcome {
  const scrub = (text: string) =>
    secrets.reduce((result, secret) => (secret.length > 0 ? result.split(secret).join("[redacted]") : result), text);
  switch (outcome.kind) {
    case "refused":
      return { ...outcome, vendorCode: scrub(outcome.vendorCode), vendorMessage: scrub(outcome.vendorMessage) };
    case "unknown":
      return { ...outcome, cause: scrub(outcome.cause) };
    default:
      return outcome;
  }
}
