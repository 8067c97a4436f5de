import { demoHexId, demoPaymentsFrom } from "../../demo/demo-data";
import { PaymentModel, PaymentState } from "../../domain/enums";

/** CRM.COM's demo payments (1025–1035): the states its cancel and reject start from, then others. */
export const CRMCOM_DEMO_PAYMENTS = demoPaymentsFrom("crmcom", {
  firstSequence: 25,
  payments: [
    [PaymentState.POSTED, PaymentModel.PREPAID], [PaymentState.POSTED, PaymentModel.PREPAID],
    [PaymentState.POSTED, PaymentModel.POSTPAID], [PaymentState.WAITING_FOR_PAYMENT, PaymentModel.PREPAID],
    [PaymentState.WAITING_FOR_PAYMENT, PaymentModel.POSTPAID], [PaymentState.DRAFT, PaymentModel.PREPAID],
    [PaymentState.DRAFT, PaymentModel.PREPAID], [PaymentState.DRAFT, PaymentModel.POSTPAID],
    [PaymentState.PENDING_VERIFICATION, PaymentModel.PREPAID], [PaymentState.REJECTED, PaymentModel.PREPAID],
    [PaymentState.CANCELLED, PaymentModel.PREPAID],
  ],
  // 32 upper-case hex digits, like CRM.COM's ids.
  paymentId: (sequence) => demoHexId("crmcom", sequence).toUpperCase(),
});
