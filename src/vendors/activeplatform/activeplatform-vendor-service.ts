import { VendorCode } from "../../domain/enums";
import { VendorCallPolicy, resilienceSettings, type ResilienceSettings } from "../resilience";
import { VENDOR_CAPABILITIES } from "../vendor-capabilities";
import { unsupportedOperation } from "../vendor-outcomes";
import type { VendorOperationRequest, VendorOutcome, VendorService } from "../vendor-service";
import { ActivePlatformClient } from "./client";
import { fromCancelAnswer, fromReadBack, toCancelTarget } from "./mapping";

export interface ActivePlatformServiceOptions extends Partial<ResilienceSettings> {
  baseUrl: string;
  apiToken: string;
}

/** Cancels "waiting for payment" prepaid payments of a reseller at ActivePlatform. */
export class ActivePlatformVendorService implements VendorService {
  readonly vendor = VendorCode.ACTIVEPLATFORM;
  readonly capabilities = VENDOR_CAPABILITIES[VendorCode.ACTIVEPLATFORM];

  constructor(
    private readonly client: ActivePlatformClient,
    readonly policy: VendorCallPolicy,
  ) {}

  async perform(request: VendorOperationRequest): Promise<VendorOutcome> {
    const unsupported = unsupportedOperation(this, request.operation);
    if (unsupported) return unsupported;
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
