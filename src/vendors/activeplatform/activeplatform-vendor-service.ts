import { VendorCode } from "../../domain/enums";
import { VendorCallPolicy, resilienceSettings, type ResilienceSettings } from "../resilience";
import { CapabilityGuardedService } from "../capability-guarded-service";
import type { VendorOperationRequest, VendorOutcome } from "../vendor-service";
import { ActivePlatformClient } from "./client";
import { fromCancelAnswer, fromReadBack, toCancelTarget } from "./mapping";

export interface ActivePlatformServiceOptions extends Partial<ResilienceSettings> {
  baseUrl: string;
  apiToken: string;
}

/** Cancels "waiting for payment" prepaid payments of a reseller at ActivePlatform. */
export class ActivePlatformVendorService extends CapabilityGuardedService {
  readonly vendor = VendorCode.ACTIVEPLATFORM;

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
      return fromReadBack(outcome, await this.client.read(target.resellerId, target.paymentId, signal));
    });
  }
}

export function createActivePlatformService(options: ActivePlatformServiceOptions): ActivePlatformVendorService {
  const { baseUrl, apiToken, ...resilience } = options;
  const policy = new VendorCallPolicy(VendorCode.ACTIVEPLATFORM, resilienceSettings(resilience), [apiToken]);
  return new ActivePlatformVendorService(new ActivePlatformClient(baseUrl, apiToken), policy);
}
