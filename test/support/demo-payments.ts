import { type DemoPayment } from "../../src/demo/demo-data";
import { DEMO_PAYMENTS } from "../../src/vendors/demo-payments";
import { PaymentModel, type PaymentState, type VendorCode } from "../../src/domain/enums";

/** The demo payments of a vendor in a state (and model, when given): what the database and the emulators are seeded with. */
export function demoPayments(vendor: VendorCode, state: PaymentState, model?: PaymentModel): DemoPayment[] {
  const found = DEMO_PAYMENTS.filter(
    (payment) => payment.vendorCode === vendor && payment.lifeCycleState === state && (model === undefined || payment.paymentModel === model),
  );
  if (found.length === 0) throw new Error(`no demo ${vendor} payment in ${state}${model ? ` (${model})` : ""}`);
  return found;
}

/** One demo payment of a vendor in a state and model (prepaid unless told); each test takes its own by index. */
export function demoPayment(vendor: VendorCode, state: PaymentState, model = PaymentModel.PREPAID, index = 0): DemoPayment {
  const found = demoPayments(vendor, state, model);
  if (!found[index]) throw new Error(`no demo payment #${index} of ${vendor} in ${state} (${model})`);
  return found[index];
}
