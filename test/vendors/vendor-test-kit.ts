import { DEMO_PAYMENTS } from "../../src/demo/demo-data";
import { PaymentModel, PaymentState, VendorCode } from "../../src/domain/enums";
import { PaymentOperation } from "../../src/domain/payment-operation";
import { startActivePlatformEmulator } from "../../src/vendors/activeplatform/emulator";
import { createActivePlatformService } from "../../src/vendors/activeplatform/activeplatform-vendor-service";
import { startConvergeGateEmulator } from "../../src/vendors/convergegate/emulator";
import { createConvergeGateService } from "../../src/vendors/convergegate/convergegate-vendor-service";
import { startCrmComEmulator } from "../../src/vendors/crmcom/emulator";
import { createCrmComService } from "../../src/vendors/crmcom/crmcom-vendor-service";
import type { EmulatorPaymentSeed } from "../../src/vendors/emulator/emulator-payments";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import { startPlanoCoreEmulator } from "../../src/vendors/planocore/emulator";
import { createPlanoCoreService } from "../../src/vendors/planocore/planocore-vendor-service";
import type { ResilienceSettings } from "../../src/vendors/resilience";
import type { VendorOperationRequest, VendorService } from "../../src/vendors/vendor-service";

/** Small settings so that fault tests run fast: 200 ms per attempt, breaker reset 300 ms. */
export const FAST: ResilienceSettings = { timeoutMs: 200, retries: 2, breakerFailures: 3, breakerResetMs: 300 };

let operationSequence = 0;

export function operationRequest(
  operation: PaymentOperation,
  payment: Partial<VendorOperationRequest["payment"]> & { vendorPaymentId: string },
  extra: Partial<Pick<VendorOperationRequest, "cancellation" | "rejection">> = {},
): VendorOperationRequest {
  operationSequence += 1;
  return {
    operationId: `op-${operationSequence}`,
    operation,
    payment: {
      vendorResellerId: null,
      number: `N-${payment.vendorPaymentId}`,
      referenceNumber: `REF-${payment.vendorPaymentId}`,
      backOfficeCode: null,
      ...payment,
    },
    ...extra,
  };
}

export const CANCELLATION = {
  type: { name: "Payment Cancellation", alternativeCode: "PCAN" },
  category: { name: "Cancellation Because of Mistake", code: "MISTAKE" },
  notes: null,
  backOfficeCode: null,
  issueReason: null,
  userDefinedFields: {},
};

/** Milliseconds a promise took, with its value. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One vendor, as the shared fault tests drive it: a payment in the state its operation accepts. */
export interface VendorCase {
  vendor: VendorCode;
  start(payments: EmulatorPaymentSeed[]): Promise<VendorEmulator>;
  service(emulator: VendorEmulator, settings: Partial<ResilienceSettings>): VendorService;
  /** A seed the operation succeeds on, numbered so that each test has its own. */
  payment(index: number): EmulatorPaymentSeed;
  request(payment: EmulatorPaymentSeed): VendorOperationRequest;
}

export const VENDOR_CASES: VendorCase[] = [
  {
    vendor: VendorCode.CONVERGEGATE,
    start: (payments) => startConvergeGateEmulator({ payments }),
    service: (emulator, settings) => createConvergeGateService({ baseUrl: emulator.baseUrl, apiKey: emulator.secret, ...settings }),
    payment: (index) => ({ vendorPaymentId: `cafe${String(index).padStart(28, "0")}`, lifeCycleState: PaymentState.AUTHORIZED, paymentModel: PaymentModel.PREPAID }),
    request: (payment) => operationRequest(PaymentOperation.VOID, { vendorPaymentId: payment.vendorPaymentId }),
  },
  {
    vendor: VendorCode.PLANOCORE,
    start: (payments) => startPlanoCoreEmulator({ payments }),
    service: (emulator, settings) => createPlanoCoreService({ baseUrl: emulator.baseUrl, token: emulator.secret, ...settings }),
    payment: (index) => ({ vendorPaymentId: String(90000 + index), lifeCycleState: PaymentState.PENDING, paymentModel: PaymentModel.PREPAID }),
    request: (payment) => operationRequest(PaymentOperation.VOID, { vendorPaymentId: payment.vendorPaymentId }),
  },
  {
    vendor: VendorCode.ACTIVEPLATFORM,
    start: (payments) => startActivePlatformEmulator({ payments }),
    service: (emulator, settings) => createActivePlatformService({ baseUrl: emulator.baseUrl, apiToken: emulator.secret, ...settings }),
    payment: (index) => ({
      vendorPaymentId: String(8000 + index),
      vendorResellerId: "1",
      lifeCycleState: PaymentState.WAITING_FOR_PAYMENT,
      paymentModel: PaymentModel.PREPAID,
    }),
    request: (payment) => operationRequest(PaymentOperation.CANCEL, { vendorPaymentId: payment.vendorPaymentId, vendorResellerId: "1" }),
  },
  {
    vendor: VendorCode.CRMCOM,
    start: (payments) => startCrmComEmulator({ payments }),
    service: (emulator, settings) => createCrmComService({ baseUrl: emulator.baseUrl, token: emulator.secret, ...settings }),
    payment: (index) => ({ vendorPaymentId: `BEEF${String(index).padStart(28, "0")}`, lifeCycleState: PaymentState.POSTED, paymentModel: PaymentModel.PREPAID }),
    request: (payment) => operationRequest(PaymentOperation.CANCEL, { vendorPaymentId: payment.vendorPaymentId }, { cancellation: CANCELLATION }),
  },
];

/** The demo payments of a vendor in a state (the emulators' default seed). */
export function demoPayments(vendor: VendorCode, state: PaymentState, model?: PaymentModel) {
  const found = DEMO_PAYMENTS.filter(
    (payment) => payment.vendorCode === vendor && payment.lifeCycleState === state && (model === undefined || payment.paymentModel === model),
  );
  if (found.length === 0) throw new Error(`no demo ${vendor} payment in ${state}`);
  return found;
}
