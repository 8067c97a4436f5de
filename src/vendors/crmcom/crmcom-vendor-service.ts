import { PaymentState } from "../../domain/enums";
import { PaymentOperation } from "../../domain/payment-operation";
import { VendorCallPolicy, resilienceSettings, type ResilienceSettings } from "../resilience";
import { VendorAdapter, vendorProfile, type VendorConnection } from "../vendor-adapter";
import type { CancelRequest, RejectRequest, VendorOutcome } from "../vendor-service";
import { CrmComClient } from "./client";
import { fromAnswer, toCancelBody, toRejectBody } from "./mapping";

export interface CrmComServiceOptions extends Partial<ResilienceSettings> {
  /** Including CRM.COM's base path, e.g. https://crm.example.com/crmapi/rest/v2 */
  baseUrl: string;
  token: string;
}

/** What CRM.COM's handlers are given: its client, the login token sent in each body, the call policy. */
export interface CrmComConnection extends VendorConnection {
  readonly client: CrmComClient;
  readonly token: string;
}

/** Always with a back_office_code unique to the operation: CRM.COM's way to refuse a second cancellation. */
async function cancel(request: CancelRequest, { client, token, policy }: CrmComConnection): Promise<VendorOutcome> {
  const mapped = toCancelBody(request, token);
  if ("refusal" in mapped) return mapped.refusal;
  const { body } = mapped;
  return policy.run(request.operationId, async (signal) => fromAnswer(PaymentOperation.CANCEL, await client.cancel(body, signal), body.back_office_code));
}

async function reject(request: RejectRequest, { client, token, policy }: CrmComConnection): Promise<VendorOutcome> {
  const { body } = toRejectBody(request, token);
  return policy.run(request.operationId, async (signal) => fromAnswer(PaymentOperation.REJECT, await client.reject(body, signal)));
}

/** CRM.COM cancels POSTED and rejects DRAFT payments: one handler each. */
export const CRMCOM = vendorProfile<CrmComConnection>({
  code: "crmcom",
  title: "CRM.COM",
  rules: { cancelsPrepaidOnly: false, issuesCancellationRecord: true },
  paymentIdFormat: null,
  operations: {
    // The page's answer shows the payment still POSTED after a cancel, and names no refusal of a
    // second one; a back_office_code "should be unique": every cancel carries one of its operation.
    [PaymentOperation.CANCEL]: { from: [PaymentState.POSTED], repeatSafety: "repeat-key", perform: cancel },
    // The page: only a DRAFT payment can be rejected, and it becomes REJECTED.
    [PaymentOperation.REJECT]: { from: [PaymentState.DRAFT], repeatSafety: "state-transition", perform: reject },
  },
});

export function connectCrmCom(options: CrmComServiceOptions): CrmComConnection {
  const { baseUrl, token, ...resilience } = options;
  return { client: new CrmComClient(baseUrl), token, policy: new VendorCallPolicy(CRMCOM.code, resilienceSettings(resilience), [token]) };
}

export function createCrmComService(options: CrmComServiceOptions): VendorAdapter<CrmComConnection> {
  return new VendorAdapter(CRMCOM, connectCrmCom(options));
}
