import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { PaymentModel, type VendorCode } from "../../src/domain/enums";
import { PaymentOperation } from "../../src/domain/payment-operation";
import type { EmulatorPaymentSeed } from "../../src/vendors/emulator/emulator-payments";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import { DEFAULT_RESILIENCE, type ResilienceSettings } from "../../src/vendors/resilience";
import { INSTALLED_VENDORS } from "../../src/vendors/installed-vendors";
import type { AnyVendorModule } from "../../src/vendors/vendor-module";
import { operationRequest as requestOf, type OperationDetails } from "../../src/vendors/vendor-requests";
import type { OperationRequests, VendorOperationRequest, VendorCancellationRequest, VendorPaymentReference, VendorService } from "../../src/vendors/vendor-service";

/** Small settings so that fault tests run fast: a second per attempt (enough on a loaded machine), breaker reset 300 ms. */
export const FAST: ResilienceSettings = { timeoutMs: 1000, retries: 2, breakerFailures: 3, breakerResetMs: 300 };

let operationSequence = 0;

export function operationRequest<Op extends PaymentOperation>(
  operation: Op,
  payment: Partial<VendorPaymentReference> & { vendorPaymentId: string },
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "are all of the details optional?"
  ...[details]: {} extends OperationDetails<Op> ? [OperationDetails<Op>?] : [OperationDetails<Op>]
): OperationRequests[Op] {
  operationSequence += 1;
  const common = {
    operationId: `op-${operationSequence}`,
    payment: { vendorResellerId: null, number: `N-${payment.vendorPaymentId}`, referenceNumber: `REF-${payment.vendorPaymentId}`, backOfficeCode: null, ...payment },
  };
  return requestOf(operation, common, details ?? ({} as OperationDetails<Op>));
}

export const CANCELLATION: VendorCancellationRequest = {
  type: { name: "Payment Cancellation", alternativeCode: "PCAN" },
  category: { name: "Cancellation Because of Mistake", code: "MISTAKE" },
  notes: null,
  backOfficeCode: null,
  issueReason: null,
  userDefinedFields: {},
};

/** What each operation's request adds, for a request the shared tests send. */
const DETAILS: { [Op in PaymentOperation]: OperationDetails<Op> } = {
  [PaymentOperation.VOID]: {},
  [PaymentOperation.CANCEL]: { cancellation: CANCELLATION },
  [PaymentOperation.REJECT]: { rejection: { reason: null } },
};

/** Milliseconds a promise took, with its value. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connections fetch tried to open and could not (undici's connect errors), while `work` runs. */
export async function withFailedConnects<T>(work: (failedConnects: () => number) => Promise<T>): Promise<{ value: T; failedConnects: number }> {
  let failed = 0;
  const count = () => void (failed += 1);
  subscribe("undici:client:connectError", count);
  try {
    const value = await work(() => failed);
    return { value, failedConnects: failed };
  } finally {
    unsubscribe("undici:client:connectError", count);
  }
}

/** One vendor, as the shared fault tests drive it: a payment in the state its operation accepts. */
export interface VendorCase {
  vendor: VendorCode;
  start(payments: EmulatorPaymentSeed[], port?: number): Promise<VendorEmulator>;
  service(emulator: VendorEmulator, settings: Partial<ResilienceSettings>): VendorService;
  /** A seed the operation succeeds on, numbered so that each test has its own. */
  payment(index: number): EmulatorPaymentSeed;
  request(payment: EmulatorPaymentSeed): VendorOperationRequest;
}

/** One case per installed vendor module: the first operation it offers, on a payment in the first state it accepts. */
export const VENDOR_CASES: VendorCase[] = INSTALLED_VENDORS.map((module) => vendorCase(module));

export function vendorCase(module: AnyVendorModule): VendorCase {
  const [operation, states] = [...module.capabilities][0];
  return {
    vendor: module.code,
    start: (payments, port) => module.startEmulator({ payments, port }),
    service: (emulator, settings) => module.create({ ...module.readConfig({}), baseUrl: emulator.baseUrl, secret: emulator.secret }, { ...DEFAULT_RESILIENCE, ...settings }),
    payment: (index) => ({ ...module.examplePayment(index), lifeCycleState: states[0], paymentModel: PaymentModel.PREPAID }),
    request: (payment) =>
      operationRequest(
        operation,
        { vendorPaymentId: payment.vendorPaymentId, ...(payment.vendorResellerId ? { vendorResellerId: payment.vendorResellerId } : {}) },
        DETAILS[operation],
      ),
  };
}

export { demoPayments } from "../support/demo-payments";
