import { demoHexId, demoPaymentsFrom } from "../../demo/demo-data";
import { PaymentModel, PaymentState } from "../../domain/enums";

/** ConvergeGate's demo payments (1001–1008): the states its void starts from, then others. */
export const CONVERGEGATE_DEMO_PAYMENTS = demoPaymentsFrom("convergegate", {
  firstSequence: 1,
  payments: [
    [PaymentState.AUTHORIZED, PaymentModel.PREPAID], [PaymentState.AUTHORIZED, PaymentModel.PREPAID],
    [PaymentState.AUTHORIZED, PaymentModel.POSTPAID], [PaymentState.PENDING, PaymentModel.PREPAID],
    [PaymentState.PENDING, PaymentModel.PREPAID], [PaymentState.POSTED, PaymentModel.PREPAID],
    [PaymentState.PENDING_VERIFICATION, PaymentModel.PREPAID], [PaymentState.CANCELLED, PaymentModel.PREPAID],
  ],
  // 32 letters and digits, as ConvergeGate's ids are.
  paymentId: (sequence) => demoHexId("convergegate", sequence),
  gateway: (number) => ({ name: "ConvergeGate", referenceNumber: `CG-${number}` }),
});
