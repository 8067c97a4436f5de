import { VendorCode } from "../../domain/enums";
import { VendorCallPolicy, resilienceSettings, type ResilienceSettings } from "../resilience";
import { VENDOR_CAPABILITIES } from "../vendor-capabilities";
import { unsupportedOperation } from "../vendor-outcomes";
import type { VendorOperationRequest, VendorOutcome, VendorService } from "../vendor-service";
import { ConvergeGateClient } from "./client";
import { fromVoidAnswer, toVoidPaymentId } from "./mapping";

export interface ConvergeGateServiceOptions extends Partial<ResilienceSettings> {
  baseUrl: string;
  apiKey: string;
}

/** Voids AUTHORIZED card payments at ConvergeGate. */
export class ConvergeGateVendorService implements VendorService {
  readonly vendor = VendorCode.CONVERGEGATE;
  readonly capabilities = VENDOR_CAPABILITIES[VendorCode.CONVERGEGATE];

  constructor(
    private readonly client: ConvergeGateClient,
    readonly policy: VendorCallPolicy,
  ) {}

  async perform(request: VendorOperationRequest): Promise<VendorOutcome> {
    const unsupported = unsupportedOperation(this, request.operation);
    if (unsupported) return unsupported;
    const target = toVoidPaymentId(request);
    if ("refusal" in target) return target.refusal;
    return this.policy.run(request.operationId, async (signal) => fromVoidAnswer(await this.client.void(target.id, signal)));
  }
}

export function createConvergeGateService(options: ConvergeGateServiceOptions): ConvergeGateVendorService {
  const { baseUrl, apiKey, ...resilience } = options;
  const policy = new VendorCallPolicy(VendorCode.CONVERGEGATE, resilienceSettings(resilience), [apiKey]);
  return new ConvergeGateVendorService(new ConvergeGateClient(baseUrl, apiKey), policy);
}
