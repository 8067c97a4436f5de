import { PaymentState } from "../../domain/enums";
import { PaymentOperation } from "../../domain/payment-operation";
import { VendorCallPolicy, resilienceSettings, type ResilienceSettings } from "../resilience";
import { CapabilityGuardedService } from "../capability-guarded-service";
import type { VendorIdentity } from "../vendor-module";
import type { VendorOperationRequest, VendorOutcome } from "../vendor-service";
import { CrmComClient } from "./client";
import { fromAnswer, toCancelBody, toRejectBody } from "./mapping";

export interface CrmComServiceOptions extends Partial<ResilienceSettings> {
  /** Including CRM.COM's base path, e.g. https://crm.example.com/crmapi/rest/v2 */
  baseUrl: string;
  token: string;
}


/** CRM.COM: its code, documented operations with the states each accepts, rules and payment id format. */
export const CRMCOM: VendorIdentity = {
  code: "crmcom",
  title: "CRM.COM",
  capabilities: new Map([
    [PaymentOperation.CANCEL, [PaymentState.POSTED]],
    [PaymentOperation.REJECT, [PaymentState.DRAFT]],
  ]),
  repeatSafety: new Map([
    // The page's answer shows the payment still POSTED after a cancel, and names no refusal of a
    // second one; a back_office_code "should be unique": every cancel carries one of its operation.
    [PaymentOperation.CANCEL, "repeat-key"],
    // The page: only a DRAFT payment can be rejected, and it becomes REJECTED.
    [PaymentOperation.REJECT, "state-transition"],
  ]),
  rules: { cancelsPrepaidOnly: false, issuesCancellationRecord: true },
  paymentIdFormat: null,
};

/** Cancels POSTED and rejects DRAFT payments at CRM.COM. */
export class CrmComVendorService extends CapabilityGuardedService {
  readonly identity = CRMCOM;

  constructor(
    private readonly client: CrmComClient,
    private readonly token: string,
    policy: VendorCallPolicy,
  ) {
    super(policy);
  }

  protected forward(request: VendorOperationRequest): Promise<VendorOutcome> {
    return request.operation === PaymentOperation.CANCEL ? this.cancel(request) : this.reject(request);
  }

  /** Always with a back_office_code unique to the operation: CRM.COM's way to refuse a second cancellation. */
  private async cancel(request: VendorOperationRequest): Promise<VendorOutcome> {
    const mapped = toCancelBody(request, this.token);
    if ("refusal" in mapped) return mapped.refusal;
    const { body } = mapped;
    return this.policy.run(request.operationId, async (signal) => fromAnswer(PaymentOperation.CANCEL, await this.client.cancel(body, signal), body.back_office_code));
  }

  private async reject(request: VendorOperationRequest): Promise<VendorOutcome> {
    const mapped = toRejectBody(request, this.token);
    if ("refusal" in mapped) return mapped.refusal;
    return this.policy.run(request.operationId, async (signal) => fromAnswer(PaymentOperation.REJECT, await this.client.reject(mapped.body, signal)));
  }
}

export function createCrmComService(options: CrmComServiceOptions): CrmComVendorService {
  const { baseUrl, token, ...resilience } = options;
  const policy = new VendorCallPolicy(CRMCOM.code, resilienceSettings(resilience), [token]);
  return new CrmComVendorService(new CrmComClient(baseUrl), token, policy);
}
