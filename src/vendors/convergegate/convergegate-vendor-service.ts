import { VendorCode } from "../../domain/enums";
import { VendorCallPolicy, resilienceSettings, type ResilienceSettings } from "../resilience";
import { CapabilityGuardedService } from "../capability-guarded-service";
import type { VendorOperationRequest, VendorOutcome } from "../vendor-service";
import { ConvergeGateClient } from "./client";
import { fromVoidAnswer, toVoidPaymentId } from "./mapping";

export interface ConvergeGateServiceOptions extends Partial<ResilienceSettings> {
  baseUrl: string;
  apiKey: string;
}

/** Voids AUTHORIZED card payments at ConvergeGate. */
export class ConvergeGateVendorService extends CapabilityGuardedService {
  readonly vendor = VendorCode.CONVERGEGATE;

  constructor(
    private readonly client: ConvergeGateClient,
    policy: VendorCallPolicy,
  ) {
    super(policy);
  }

  protected async forward(request: VendorOperationRequest): Promise<VendorOutcome> {
    const target = toVoidPaymentId(request);
    if ("refusal" in target) return target.refusal;
    return this.policy.run(request.operationId, async (signal) =>
      fromVoidAnswer(await this.client.void(target.id, signal), { id: target.id, referenceNumber: request.payment.referenceNumber }),
    );
  }
}

export function createConvergeGateService(options: ConvergeGateServiceOptions): ConvergeGateVendorService {
  const { baseUrl, apiKey, ...resilience } = options;
  const policy = new VendorCallPolicy(VendorCode.CONVERGEGATE, resilienceSettings(resilience), [apiKey]);
  return new ConvergeGateVendorService(new ConvergeGateClient(baseUrl, apiKey), policy);
}
