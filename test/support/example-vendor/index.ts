import { demoPaymentsFrom } from "../../../src/demo/demo-data";
import { PaymentModel, PaymentState } from "../../../src/domain/enums";
import { PaymentOperation } from "../../../src/domain/payment-operation";
import { startVendorEmulator, type EmulatorAnswer, type VendorApi } from "../../../src/vendors/emulator/vendor-emulator";
import { sendVendorRequest, vendorUrl } from "../../../src/vendors/http/vendor-http";
import { VendorCallPolicy } from "../../../src/vendors/resilience";
import { PLAIN_RULES, defineVendor, vendorProfile, type VendorConnection } from "../../../src/vendors/vendor-module";
import { readEndpoint } from "../../../src/vendors/vendor-settings";
import type { RepeatSafety, VendorOutcome, VoidRequest } from "../../../src/vendors/vendor-service";

/**
 * PayFlow, a small vendor that exists only in the tests: a whole vendor module in one folder,
 * as a new vendor would be written. Its API: `POST /voids/{id}` with `X-Api-Key`; 200 voided,
 * 409 `{ "error": "WRONG_STATE" }` when the payment is not AUTHORIZED.
 */
interface PayFlowConnection extends VendorConnection {
  readonly baseUrl: string;
  readonly apiKey: string;
}

async function voidPayment(request: VoidRequest, { baseUrl, apiKey, policy }: PayFlowConnection): Promise<VendorOutcome> {
  return policy.run(request.operationId, async (signal) => {
    const url = vendorUrl(baseUrl, `/voids/${encodeURIComponent(request.payment.vendorPaymentId)}`);
    const answer = await sendVendorRequest({ method: "POST", url, headers: { "X-Api-Key": apiKey }, signal });
    if (answer.status === 200) return { kind: "succeeded", details: {} };
    if (answer.status === 409) return { kind: "refused", reason: "WRONG_STATE", vendorCode: "WRONG_STATE", vendorMessage: "not authorized" };
    return { kind: "unknown", cause: `PayFlow answered HTTP ${answer.status}` };
  });
}

const PAYFLOW = vendorProfile<PayFlowConnection>({
  code: "payflow",
  title: "PayFlow",
  rules: PLAIN_RULES,
  paymentIdFormat: "^PF-[0-9]{4}$",
  operations: {
    [PaymentOperation.VOID]: { from: [PaymentState.AUTHORIZED], repeatSafety: "state-transition", perform: voidPayment },
  },
});

export const PAYFLOW_DEMO_KEY = "payflow-demo-key";
export const PAYFLOW_PAYMENT_IDS = ["PF-0001", "PF-0002"];

/** Its demo payments: two AUTHORIZED ones, numbered 1901 and 1902 (a block no other vendor uses). */
const PAYFLOW_DEMO_PAYMENTS = demoPaymentsFrom("payflow", {
  firstSequence: 901,
  payments: [
    [PaymentState.AUTHORIZED, PaymentModel.PREPAID],
    [PaymentState.AUTHORIZED, PaymentModel.PREPAID],
  ],
  paymentId: (sequence) => PAYFLOW_PAYMENT_IDS[sequence - 901],
});

function payFlowApi(apiKey: string): VendorApi {
  const route = /^\/voids\/([^/]+)$/;
  const error = (status: number, code: string): EmulatorAnswer => ({ status, body: { error: code } });
  return {
    vendor: PAYFLOW.code,
    paymentIdOf: (request) => route.exec(request.path)?.[1],
    serverError: (status) => error(status, "INTERNAL"),
    handle(request, payments) {
      const id = route.exec(request.path)?.[1];
      if (!id || request.method !== "POST") return error(404, "NOT_FOUND");
      if (request.headers["x-api-key"] !== apiKey) return error(401, "UNAUTHORIZED");
      const payment = payments.get(decodeURIComponent(id));
      if (!payment) return error(404, "NOT_FOUND");
      if (payment.state !== PaymentState.AUTHORIZED) return error(409, "WRONG_STATE");
      payment.state = PaymentState.CANCELLED;
      return { status: 200, body: { id: payment.vendorPaymentId, state: "VOIDED" }, applied: true };
    },
  };
}

/** PayFlow, or a PayFlow that says a repeat of its void cannot be recognised (for the pipeline's tests). */
export function definePayFlow(repeatSafety: Exclude<RepeatSafety, "read-back"> = "state-transition") {
  return defineVendor({
    ...PAYFLOW,
    operations: { [PaymentOperation.VOID]: { from: [PaymentState.AUTHORIZED], repeatSafety, perform: voidPayment } },
    readConfig: (env) => readEndpoint(env, "PAYFLOW_BASE_URL", "PAYFLOW_API_KEY"),
    connect: ({ baseUrl, secret }, resilience) => ({ baseUrl, apiKey: secret, policy: new VendorCallPolicy(PAYFLOW.code, resilience, [secret]) }),
    startEmulator: (options = {}) => startVendorEmulator(payFlowApi(PAYFLOW_DEMO_KEY), PAYFLOW_DEMO_KEY, PAYFLOW_DEMO_PAYMENTS, options),
    demoPayments: PAYFLOW_DEMO_PAYMENTS,
    examplePayment: (index) => ({ vendorPaymentId: `PF-${String(index).padStart(4, "0")}` }),
  });
}

export const payFlow = definePayFlow();
