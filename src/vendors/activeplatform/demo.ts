import { demoPaymentsFrom } from "../../demo/demo-data";
import { PaymentModel, PaymentState } from "../../domain/enums";

/** ActivePlatform's demo payments (1017–1024): the states its cancel starts from, then others. */
export const ACTIVEPLATFORM_DEMO_PAYMENTS = demoPaymentsFrom("activeplatform", {
  firstSequence: 17,
  payments: [
    [PaymentState.WAITING_FOR_PAYMENT, PaymentModel.PREPAID], [PaymentState.WAITING_FOR_PAYMENT, PaymentModel.PREPAID],
    [PaymentState.WAITING_FOR_PAYMENT, PaymentModel.POSTPAID], [PaymentState.POSTED, PaymentModel.PREPAID],
    [PaymentState.POSTED, PaymentModel.POSTPAID], [PaymentState.PENDING_VERIFICATION, PaymentModel.PREPAID],
    [PaymentState.CANCELLED, PaymentModel.PREPAID], [PaymentState.REJECTED, PaymentModel.PREPAID],
  ],
  // ActivePlatform's ids are whole numbers, and each payment belongs to one of its resellers.
  paymentId: (sequence) => String(6400 + sequence),
  resellerId: (reseller) => reseller.activePlatformId,
});
