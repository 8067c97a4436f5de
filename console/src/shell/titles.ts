import type { PaymentModel, PaymentOperation, PaymentState, VendorCode } from "../gql/graphql";

/** States, vendors and models by the names people use. */
export const STATE_TITLE: Record<PaymentState, string> = {
  DRAFT: "Draft",
  PENDING: "Pending",
  AUTHORIZED: "Authorized",
  WAITING_FOR_PAYMENT: "Waiting for payment",
  PENDING_VERIFICATION: "Pending verification",
  POSTED: "Posted",
  CANCELLED: "Cancelled",
  REJECTED: "Rejected",
};

export const VENDOR_TITLE: Record<VendorCode, string> = {
  CONVERGEGATE: "ConvergeGate",
  PLANOCORE: "PlanoCore",
  ACTIVEPLATFORM: "ActivePlatform",
  CRMCOM: "CRM.COM",
};

export const MODEL_TITLE: Record<PaymentModel, string> = { PREPAID: "Prepaid", POSTPAID: "Postpaid" };

export const OPERATION_VERB: Record<PaymentOperation, string> = { VOID: "void", CANCEL: "cancel", REJECT: "reject" };
export const OPERATION_DONE: Record<PaymentOperation, string> = { VOID: "voided", CANCEL: "cancelled", REJECT: "rejected" };

/** A title for a code the console may not know yet (a vendor added later): the code itself. */
export function titleOf<K extends string>(titles: Record<K, string>, code: K | string | null | undefined): string {
  if (!code) return "—";
  return (titles as Record<string, string>)[code] ?? code;
}
