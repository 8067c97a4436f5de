import { PaymentState } from "../../domain/enums";
import { PaymentOperation } from "../../domain/payment-operation";
import { VendorCallPolicy, resilienceSettings, type ResilienceSettings } from "../resilience";
import { DEFAULT_PLANOCORE_VOID_PATH } from "./contract";
import { VendorAdapter, vendorProfile, type VendorConnection } from "../vendor-adapter";
import { PLAIN_RULES } from "../vendor-service";
import type { VendorOutcome, VoidRequest } from "../vendor-service";
import { PlanoCoreClient } from "./client";
import { fromVoidAnswer, toVoidBody } from "./mapping";

export interface PlanoCoreServiceOptions extends Partial<ResilienceSettings> {
  baseUrl: string;
  token: string;
  application?: string | null;
  /** Default `/api/v1/payments/void`. */
  voidPath?: string;
}

/** What PlanoCore's handler is given: its client, the token and application sent in the body, the call policy. */
export interface PlanoCoreConnection extends VendorConnection {
  readonly client: PlanoCoreClient;
  readonly credentials: { token: string; application: string | null };
}

async function voidPayment(request: VoidRequest, { client, credentials, policy }: PlanoCoreConnection): Promise<VendorOutcome> {
  const mapped = toVoidBody(request, credentials);
  if ("refusal" in mapped) return mapped.refusal;
  return policy.run(request.operationId, async (signal) => fromVoidAnswer(await client.void(mapped.body, signal)));
}

/** PlanoCore voids pending payments. */
export const PLANOCORE = vendorProfile<PlanoCoreConnection>({
  code: "planocore",
  title: "PlanoCore",
  rules: PLAIN_RULES,
  paymentIdFormat: "^[1-9][0-9]{0,17}$",
  operations: {
    // The page: a void of a pending payment; no way to read it back.
    [PaymentOperation.VOID]: { from: [PaymentState.PENDING], repeatSafety: "state-transition", perform: voidPayment },
  },
});

export function connectPlanoCore(options: PlanoCoreServiceOptions): PlanoCoreConnection {
  const { baseUrl, token, application, voidPath, ...resilience } = options;
  return {
    client: new PlanoCoreClient(baseUrl, voidPath ?? DEFAULT_PLANOCORE_VOID_PATH),
    credentials: { token, application: application ?? null },
    policy: new VendorCallPolicy(PLANOCORE.code, resilienceSettings(resilience), [token]),
  };
}

export function createPlanoCoreService(options: PlanoCoreServiceOptions): VendorAdapter<PlanoCoreConnection> {
  return new VendorAdapter(PLANOCORE, connectPlanoCore(options));
}
