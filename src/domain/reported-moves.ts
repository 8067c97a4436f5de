import { PaymentState } from "./enums";

/**
 * The moves a vendor may report of a payment's state (recordPayments, the import): what a
 * checkout, a billing run or a vendor feed can tell us happened at the vendor. A payment never
 * leaves CANCELLED or REJECTED; the same state again is no move at all.
 */
export const VENDOR_REPORTED_MOVES: Readonly<Record<PaymentState, readonly PaymentState[]>> = {
  [PaymentState.DRAFT]: [PaymentState.PENDING_VERIFICATION, PaymentState.WAITING_FOR_PAYMENT, PaymentState.POSTED, PaymentState.REJECTED, PaymentState.CANCELLED],
  [PaymentState.PENDING]: [PaymentState.AUTHORIZED, PaymentState.POSTED, PaymentState.CANCELLED, PaymentState.REJECTED],
  [PaymentState.AUTHORIZED]: [PaymentState.POSTED, PaymentState.CANCELLED],
  [PaymentState.WAITING_FOR_PAYMENT]: [PaymentState.POSTED, PaymentState.CANCELLED],
  [PaymentState.PENDING_VERIFICATION]: [PaymentState.POSTED, PaymentState.REJECTED],
  [PaymentState.POSTED]: [PaymentState.CANCELLED],
  [PaymentState.CANCELLED]: [],
  [PaymentState.REJECTED]: [],
};

/** Whether a vendor may report this move (the same state is always allowed: nothing moves). */
export function isReportedMove(from: PaymentState, to: PaymentState): boolean {
  return from === to || VENDOR_REPORTED_MOVES[from].includes(to);
}
