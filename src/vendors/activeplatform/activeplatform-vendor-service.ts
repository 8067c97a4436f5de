import { PaymentState } from "../../domain/enums";
import { PaymentOperation } from "../../domain/payment-operation";
import { VendorCallPolicy, resilienceSettings, type ResilienceSettings } from "../resilience";
import { CapabilityGuardedService } from "../capability-guarded-service";
import type { VendorIdentity } from "../vendor-module";
import { refused, unknownOutcome } from "../vendor-outcomes";
import type { VendorOperationRequest, VendorOutcome, VendorPaymentState } from "../vendor-service";
import { ActivePlatformClient } from "./client";
import { VendorTransportError } from "../http/vendor-http";
import { fromCancelAnswer, fromReadBack, paymentStateOf, toCancelTarget, type CancelTarget } from "./mapping";

export interface ActivePlatformServiceOptions extends Partial<ResilienceSettings> {
  baseUrl: string;
  apiToken: string;
}


/** ActivePlatform: its code, documented operations with the states each accepts, rules and payment id format. */
export const ACTIVEPLATFORM: VendorIdentity = {
  code: "activeplatform",
  title: "ActivePlatform",
  capabilities: new Map([[PaymentOperation.CANCEL, [PaymentState.WAITING_FOR_PAYMENT]]]),
  // The page refers to "Get the Reseller's Payment information by ID": the payment is read back.
  repeatSafety: new Map([[PaymentOperation.CANCEL, "read-back"]]),
  rules: { cancelsPrepaidOnly: true, issuesCancellationRecord: false },
  paymentIdFormat: "^[1-9][0-9]{0,17}$",
};

/** Cancels "waiting for payment" prepaid payments of a reseller at ActivePlatform. */
export class ActivePlatformVendorService extends CapabilityGuardedService {
  readonly identity = ACTIVEPLATFORM;

  constructor(
    private readonly client: ActivePlatformClient,
    policy: VendorCallPolicy,
  ) {
    super(policy);
  }

  protected async forward(request: VendorOperationRequest): Promise<VendorOutcome> {
    const target = toCancelTarget(request);
    if ("refusal" in target) return target.refusal;
    return this.policy.run(request.operationId, async (signal) => {
      const outcome = fromCancelAnswer(await this.client.cancel(target.resellerId, target.paymentId, signal));
      // A repeated cancel meets the same 422 as a wrong state: read the payment to tell them apart.
      if (outcome.kind !== "refused" || outcome.reason !== "WRONG_STATE") return outcome;
      return fromReadBack(outcome, await this.readBack(target, signal));
    });
  }

  /** The payment read within the cancel's attempt: a failed read is an unknown state, never a reason to send the cancel again. */
  private async readBack(target: CancelTarget, signal: AbortSignal): Promise<VendorPaymentState> {
    try {
      return paymentStateOf(await this.client.read(target.resellerId, target.paymentId, signal));
    } catch (error) {
      return { kind: "unknown", cause: error instanceof VendorTransportError ? error.problem : "the read failed" };
    }
  }

  /** ActivePlatform can read a payment back: a refused repeat is settled by what it says. */
  async readPaymentState(request: VendorOperationRequest): Promise<VendorPaymentState> {
    const target = toCancelTarget(request);
    if ("refusal" in target) return { kind: "unknown", cause: "the payment's ids are not ActivePlatform's" };
    // Under the same policy (timeout, retries, breaker) as the cancel: the read is an outcome too.
    const outcome = await this.policy.run(request.operationId, async (signal) => {
      const state = paymentStateOf(await this.client.read(target.resellerId, target.paymentId, signal));
      if (state.kind === "done") return { kind: "succeeded", details: state.details };
      if (state.kind === "not-done") return refused("WRONG_STATE", state.vendorStatus, "the payment read back is not cancelled");
      return unknownOutcome(state.cause);
    });
    if (outcome.kind === "succeeded") return { kind: "done", details: outcome.details };
    if (outcome.kind === "refused") return { kind: "not-done", vendorStatus: outcome.vendorCode };
    return { kind: "unknown", cause: outcome.cause };
  }
}

export function createActivePlatformService(options: ActivePlatformServiceOptions): ActivePlatformVendorService {
  const { baseUrl, apiToken, ...resilience } = options;
  const policy = new VendorCallPolicy(ACTIVEPLATFORM.code, resilienceSettings(resilience), [apiToken]);
  return new ActivePlatformVendorService(new ActivePlatformClient(baseUrl, apiToken), policy);
}
