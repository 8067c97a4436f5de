import { logger } from "../observability/logger";
import { LOCAL_REFUSAL } from "../vendors/vendor-outcomes";
import type { VendorOperationRequest, VendorOutcome, VendorService } from "../vendors/vendor-service";

/** A vendor outcome, or the verdict that no retry can settle it. */
export type Settled = VendorOutcome | { kind: "attention"; reason: string };

/** Why an unknown outcome at a vendor that cannot recognise a repeat goes to an operator. */
export const BLIND_REPEAT = "the vendor gives no way to recognise a repeat, so it is not sent again: an operator must check the vendor's records";

const isLocalRefusal = (outcome: VendorOutcome) =>
  outcome.kind === "refused" && (Object.values(LOCAL_REFUSAL) as string[]).includes(outcome.vendorCode);

/** Phase 2: the vendor's answer as an outcome; never throws. */
export async function callVendor(service: VendorService | undefined, request: VendorOperationRequest): Promise<VendorOutcome> {
  try {
    return service ? await service.perform(request) : { kind: "unknown", cause: "no vendor service configured" };
  } catch (error) {
    logger.error({ err: error, operationId: request.operationId }, "vendor service failed unexpectedly");
    return { kind: "unknown", cause: "vendor service failed" };
  }
}

/**
 * A repeat after an unknown outcome: a refusal is not final, since the first attempt may have
 * acted. Where the vendor can be asked for the payment's state, its answer settles it;
 * elsewhere an operator must.
 */
export async function settleRepeat(service: VendorService | undefined, request: VendorOperationRequest, outcome: VendorOutcome): Promise<Settled> {
  if (outcome.kind !== "refused" || outcome.reason === "ALREADY_DONE" || isLocalRefusal(outcome)) return outcome;
  const refusal = `${outcome.vendorCode}: ${outcome.vendorMessage}`.slice(0, 300);
  if (!service?.readPaymentState) {
    return { kind: "attention", reason: `after an unknown outcome the vendor refused the repeat (${refusal}); it may have acted on the first attempt and cannot be asked` };
  }
  const state = await service.readPaymentState(request).catch((error: unknown) => {
    logger.error({ err: error, operationId: request.operationId }, "reading the payment back failed unexpectedly");
    return { kind: "unknown" as const, cause: "the read failed" };
  });
  switch (state.kind) {
    case "done":
      return { kind: "refused", reason: "ALREADY_DONE", vendorCode: outcome.vendorCode, vendorMessage: outcome.vendorMessage, details: state.details };
    case "not-done":
      return outcome;
    default:
      return { kind: "unknown", cause: `the repeat was refused (${refusal}) and the payment could not be read back: ${state.cause}` };
  }
}

/** The outcome in a few words, for an operator. */
export function describeOutcome(outcome: Settled): string {
  switch (outcome.kind) {
    case "succeeded":
      return "succeeded";
    case "refused":
      return outcome.reason === "ALREADY_DONE" ? "already done" : `refused ${outcome.vendorCode}`;
    case "unknown":
      return "unknown";
    default:
      return "needs attention";
  }
}
