import { PaymentState } from "../../domain/enums";
import { PaymentOperation } from "../../domain/payment-operation";
import { VendorCallPolicy, resilienceSettings, type ResilienceSettings } from "../resilience";
import { CapabilityGuardedService } from "../capability-guarded-service";
import { PLAIN_RULES, type VendorIdentity } from "../vendor-module";
import type { VendorOperationRequest, VendorOutcome } from "../vendor-service";
import { ConvergeGateClient } from "./client";
import { fromVoidAnswer, toVoidPaymentId } from "./mapping";

export interface ConvergeGateServiceOptions extends Partial<ResilienceSettings> {
  baseUrl: string;
  apiKey: string;
}


/** ConvergeGate: its code, documented operations with the states each accepts, rules and payment id format. */
export const CONVERGEGATE: VendorIdentity = {
  code: "convergegate",
  title: "ConvergeGate",
  capabilities: new Map([[PaymentOperation.VOID, [PaymentState.AUTHORIZED]]]),
  // The page: only an AUTHORIZED payment can be voided, and it becomes CANCELLED; no way to read it back.
  repeatSafety: new Map([[PaymentOperation.VOID, "state-transition"]]),
  rules: PLAIN_RULES,
  paymentIdFormat: "^[a-zA-Z0-9]{32}$",
};

/** Voids AUTHORIZED card payments at ConvergeGate. */
export class ConvergeGateVendorService extends CapabilityGuardedService {
  readonly identity = CONVERGEGATE;

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
      fromVoidAnswer(await this.client.void(target.id, signal), target.id),
    );
  }
}

export function createConvergeGateService(options: ConvergeGateServiceOptions): ConvergeGateVendorService {
  const { baseUrl, apiKey, ...resilience } = options;
  const policy = new VendorCallPolicy(CONVERGEGATE.code, resilienceSettings(resilience), [apiKey]);
  return new ConvergeGateVendorService(new ConvergeGateClient(baseUrl, apiKey), policy);
}
