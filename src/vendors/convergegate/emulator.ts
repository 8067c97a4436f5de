import { CONVERGEGATE_DEMO_PAYMENTS } from "./demo";
import { PaymentState } from "../../domain/enums";
import { JsonDecimal } from "../http/decimal-json";
import { type EmulatorPayment } from "../emulator/emulator-payments";
import { startVendorEmulator, type EmulatorAnswer, type EmulatorOptions, type RecordedRequest, type VendorApi, type VendorEmulator } from "../emulator/vendor-emulator";
import { CONVERGEGATE_DEMO_API_KEY, CONVERGEGATE_ERRORS, PAYMENT_ID_PATTERN } from "./contract";

const VOID_ROUTE = /^\/api\/v1\/payments\/([^/]+)\/void$/;

interface ConvergeGateError {
  status: number;
  code: string;
  message: string;
}

function errorAnswer(error: ConvergeGateError, message: string = error.message): EmulatorAnswer {
  return {
    status: error.status,
    body: { timestamp: new Date().toISOString(), status: error.status, errorCode: error.code, errorMessage: message },
  };
}

/** The payment as ConvergeGate's "Payment response" shows it (the fields the gateway has). */
function paymentResponse(payment: EmulatorPayment): unknown {
  return {
    timestamp: new Date().toISOString(),
    status: 200,
    result: {
      id: payment.vendorPaymentId,
      // OUR ASSUMPTION: the merchant's reference in the page's form ("payment-123"), not our reference number.
      referenceId: `payment-${payment.number}`,
      created: payment.issuedOn.slice(0, 19),
      paymentType: "DEPOSIT",
      state: payment.state,
      description: `Payment ${payment.number}`,
      paymentMethod: "BASIC_CARD",
      amount: new JsonDecimal(payment.amount),
      currency: payment.currencyCode,
      preAuth: true,
    },
  };
}

function convergeGateApi(apiKey: string): VendorApi {
  return {
    vendor: "convergegate",
    paymentIdOf: (request: RecordedRequest) => VOID_ROUTE.exec(request.path)?.[1],
    serverError: (status) => errorAnswer({ ...CONVERGEGATE_ERRORS.internal, status }),
    handle(request, payments, faults) {
      const route = VOID_ROUTE.exec(request.path);
      if (!route || request.method !== "POST") return errorAnswer({ status: 404, code: "NOT_FOUND", message: "No such route" });
      if (request.headers.authorization !== `Bearer ${apiKey}`) return errorAnswer(CONVERGEGATE_ERRORS.unauthorized);
      const id = decodeURIComponent(route[1]);
      if (!PAYMENT_ID_PATTERN.test(id)) return errorAnswer(CONVERGEGATE_ERRORS.invalidPaymentId);
      const payment = payments.get(id);
      if (!payment) return errorAnswer(CONVERGEGATE_ERRORS.notFound);
      if (payment.state === PaymentState.CANCELLED && !faults.pageOnly) return errorAnswer(CONVERGEGATE_ERRORS.alreadyCancelled);
      if (payment.state !== PaymentState.AUTHORIZED) {
        return errorAnswer(CONVERGEGATE_ERRORS.wrongState, `Only a payment in AUTHORIZED state can be voided; this one is ${payment.state}`);
      }
      payment.state = PaymentState.CANCELLED;
      payment.closedAt = new Date().toISOString();
      return { status: 200, body: paymentResponse(payment), applied: true };
    },
  };
}

/** Starts the ConvergeGate emulator (default: ConvergeGate's demo payments, demo API key). */
export function startConvergeGateEmulator(options: EmulatorOptions & { apiKey?: string } = {}): Promise<VendorEmulator> {
  const apiKey = options.apiKey ?? CONVERGEGATE_DEMO_API_KEY;
  return startVendorEmulator(convergeGateApi(apiKey), apiKey, CONVERGEGATE_DEMO_PAYMENTS, options);
}
