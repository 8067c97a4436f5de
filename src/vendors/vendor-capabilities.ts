import { PaymentState, VendorCode } from "../domain/enums";
import { PaymentOperation } from "../operations/payment-operation";

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
