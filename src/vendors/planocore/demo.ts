import { demoPaymentsFrom } from "../../demo/demo-data";
import { PaymentModel, PaymentState } from "../../domain/enums";

/** PlanoCore's demo payments (1009–1016): the states its void starts from, then others. */
export const PLANOCORE_DEMO_PAYMENTS = demoPaymentsFrom("planocore", {
  firstSequence: 9,
  payments: [
    [PaymentState.PENDING, PaymentModel.PREPAID], [PaymentState.PENDING, PaymentModel.PREPAID],
    [PaymentState.PENDING, PaymentModel.POSTPAID], [PaymentState.AUTHORIZED, PaymentModel.PREPAID],
    [PaymentState.AUTHORIZED, PaymentModel.PREPAID], [PaymentState.POSTED, PaymentModel.PREPAID],
    [PaymentState.PENDING_VERIFICATION, PaymentModel.POSTPAID], [PaymentState.CANCELLED, PaymentModel.PREPAID],
  ],
  // PlanoCore's ids are whole numbers.
  paymentId: (sequence) => String(70000 + sequence),
});
