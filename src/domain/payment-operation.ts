import { PaymentState } from "./enums";

/** What can be done to a payment through this API. */
export enum PaymentOperation {
  VOID = "VOID",
  CANCEL = "CANCEL",
  REJECT = "REJECT",
}

/**
 * The product's life-cycle table: the states each operation starts from and the state it leads
 * to. A vendor may allow fewer start states (its documented rule), never more.
 */
export const LIFE_CYCLE: Readonly<Record<PaymentOperation, { from: readonly PaymentState[]; to: PaymentState; verb: string }>> = {
  [PaymentOperation.VOID]: { from: [PaymentState.AUTHORIZED, PaymentState.PENDING], to: PaymentState.CANCELLED, verb: "voided" },
  [PaymentOperation.CANCEL]: { from: [PaymentState.POSTED, PaymentState.WAITING_FOR_PAYMENT], to: PaymentState.CANCELLED, verb: "cancelled" },
  [PaymentOperation.REJECT]: { from: [PaymentState.DRAFT], to: PaymentState.REJECTED, verb: "rejected" },
};
