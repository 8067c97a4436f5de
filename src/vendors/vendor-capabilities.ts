import { PaymentState, VendorCode } from "../domain/enums";
import { PaymentOperation } from "../domain/payment-operation";

/**
 * Each vendor's documented operations and the states it accepts (shared/vendor-docs):
 * ConvergeGate voids AUTHORIZED payments only; PlanoCore voids pending ones; ActivePlatform
 * cancels "waiting for payment" ones; CRM.COM cancels POSTED and rejects DRAFT payments.
 */
export const VENDOR_CAPABILITIES: Readonly<Record<VendorCode, ReadonlyMap<PaymentOperation, readonly PaymentState[]>>> = {
  [VendorCode.CONVERGEGATE]: new Map([[PaymentOperation.VOID, [PaymentState.AUTHORIZED]]]),
  [VendorCode.PLANOCORE]: new Map([[PaymentOperation.VOID, [PaymentState.PENDING]]]),
  [VendorCode.ACTIVEPLATFORM]: new Map([[PaymentOperation.CANCEL, [PaymentState.WAITING_FOR_PAYMENT]]]),
  [VendorCode.CRMCOM]: new Map([
    [PaymentOperation.CANCEL, [PaymentState.POSTED]],
    [PaymentOperation.REJECT, [PaymentState.DRAFT]],
  ]),
};

/** Each vendor's documented rules beyond states. */
export interface VendorRules {
  /** Cancels only prepaid payments (ActivePlatform: "not linked to postpaid Invoices"). */
  cancelsPrepaidOnly: boolean;
  /** A cancel creates the vendor's own cancellation record (number, reference, id), which ours keeps. */
  issuesCancellationRecord: boolean;
}

export const VENDOR_RULES: Readonly<Record<VendorCode, VendorRules>> = {
  [VendorCode.CONVERGEGATE]: { cancelsPrepaidOnly: false, issuesCancellationRecord: false },
  [VendorCode.PLANOCORE]: { cancelsPrepaidOnly: false, issuesCancellationRecord: false },
  [VendorCode.ACTIVEPLATFORM]: { cancelsPrepaidOnly: true, issuesCancellationRecord: false },
  [VendorCode.CRMCOM]: { cancelsPrepaidOnly: false, issuesCancellationRecord: true },
};
