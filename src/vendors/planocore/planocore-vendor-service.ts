import { PaymentState } from "../../domain/enums";
import { PaymentOperation } from "../../domain/payment-operation";
import { VendorCallPolicy, resilienceSettings, type ResilienceSettings } from "../resilience";
import { DEFAULT_PLANOCORE_VOID_PATH } from "./contract";
import { CapabilityGuardedService } from "../capability-guarded-service";
import { PLAIN_RULES, type VendorIdentity } from "../vendor-module";
import type { VendorOperationRequest, VendorOutcome } from "../vendor-service";
import { PlanoCoreClient } from "./client";
import { fromVoidAnswer, toVoidBody } from "./mapping";

export interface PlanoCoreServiceOptions extends Partial<ResilienceSettings> {
  baseUrl: string;
  token: string;
  application?: string | null;
  /** Default `/api/v1/payments/void`. */
  voidPath?: string;
}


/** PlanoCore: its code, documented operations with the states each accepts, rules and payment id format. */
export const PLANOCORE: VendorIdentity = {
  code: "planocore",
  title: "PlanoCore",
  capabilities: new Map([[PaymentOperation.VOID, [PaymentState.PENDING]]]),
  // The page: a void of a pending payment; no way to read it back.
  repeatSafety: new Map([[PaymentOperation.VOID, "state-transition"]]),
  rules: PLAIN_RULES,
  paymentIdFormat: "^[1-9][0-9]{0,17}$",
};

/** Voids pending payments at PlanoCore. */
export class PlanoCoreVendorService extends CapabilityGuardedService {
  readonly identity = PLANOCORE;

  constructor(
    private readonly client: PlanoCoreClient,
    private readonly credentials: { token: string; application: string | null },
    policy: VendorCallPolicy,
  ) {
    super(policy);
  }

  protected async forward(request: VendorOperationRequest): Promise<VendorOutcome> {
    const mapped = toVoidBody(request, this.credentials);
    if ("refusal" in mapped) return mapped.refusal;
    return this.policy.run(request.operationId, async (signal) => fromVoidAnswer(await this.client.void(mapped.body, signal)));
  }
}

export function createPlanoCoreService(options: PlanoCoreServiceOptions): PlanoCoreVendorService {
  const { baseUrl, token, application, voidPath, ...resilience } = options;
  const policy = new VendorCallPolicy(PLANOCORE.code, resilienceSettings(resilience), [token]);
  const client = new PlanoCoreClient(baseUrl, voidPath ?? DEFAULT_PLANOCORE_VOID_PATH);
  return new PlanoCoreVendorService(client, { token, application: application ?? null }, policy);
}
