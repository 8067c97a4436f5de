import { PaymentState } from "../../domain/enums";
import { PaymentOperation } from "../../domain/payment-operation";
import { VendorCallPolicy, resilienceSettings, type ResilienceSettings } from "../resilience";
import { VendorAdapter, vendorProfile, type VendorConnection } from "../vendor-adapter";
import { PLAIN_RULES } from "../vendor-service";
import type { VendorOutcome, VoidRequest } from "../vendor-service";
import { ConvergeGateClient } from "./client";
import { fromVoidAnswer, toVoidPaymentId } from "./mapping";

export interface ConvergeGateServiceOptions extends Partial<ResilienceSettings> {
  baseUrl: string;
  apiKey: string;
}

/** What ConvergeGate's handler is given: its client (which holds the shop's API key) and the call policy. */
export interface ConvergeGateConnection extends VendorConnection {
  readonly client: ConvergeGateClient;
}

async function voidPayment(request: VoidRequest, { client, policy }: ConvergeGateConnection): Promise<VendorOutcome> {
  const target = toVoidPaymentId(request);
  if ("refusal" in target) return target.refusal;
  return policy.run(request.operationId, async (signal) => fromVoidAnswer(await client.void(target.id, signal), target.id));
}

/** ConvergeGate voids AUTHORIZED card payments. */
export const CONVERGEGATE = vendorProfile<ConvergeGateConnection>({
  code: "convergegate",
  title: "ConvergeGate",
  rules: PLAIN_RULES,
  paymentIdFormat: "^[a-zA-Z0-9]{32}$",
  operations: {
    // The page: only an AUTHORIZED payment can be voided, and it becomes CANCELLED; no way to read it back.
    [PaymentOperation.VOID]: { from: [PaymentState.AUTHORIZED], repeatSafety: "state-transition", perform: voidPayment },
  },
});

export function connectConvergeGate(options: ConvergeGateServiceOptions): ConvergeGateConnection {
  const { baseUrl, apiKey, ...resilience } = options;
  return { client: new ConvergeGateClient(baseUrl, apiKey), policy: new VendorCallPolicy(CONVERGEGATE.code, resilienceSettings(resilience), [apiKey]) };
}

export function createConvergeGateService(options: ConvergeGateServiceOptions): VendorAdapter<ConvergeGateConnection> {
  return new VendorAdapter(CONVERGEGATE, connectConvergeGate(options));
}
