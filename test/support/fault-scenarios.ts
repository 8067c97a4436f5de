import type { DemoPayment } from "../../src/demo/demo-data";
import { PaymentState, type VendorCode } from "../../src/domain/enums";
import { PaymentOperation } from "../../src/domain/payment-operation";
import { demoPayment, OPERATION_MUTATIONS } from "./operations";
import type { GraphQLResponse } from "./test-api";

/** One operation the fault suites break at every statement: a demo payment it applies to, and its mutation. */
export interface FaultScenario {
  name: string;
  operation: PaymentOperation;
  vendor: VendorCode;
  startState: PaymentState;
  number: string;
  vendorPaymentId: string;
  query: string;
  field: string;
  input(idempotencyKey: string): Record<string, unknown>;
}

function scenario(operation: PaymentOperation, vendor: VendorCode, startState: PaymentState): FaultScenario {
  return scenarioOf(operation, demoPayment(vendor, startState));
}

/** The operation on one demo payment. */
export function scenarioOf(operation: PaymentOperation, payment: DemoPayment): FaultScenario {
  const { query, field, extra } = OPERATION_MUTATIONS[operation];
  return {
    name: `${operation} of ${payment.number} at ${payment.vendorCode}`,
    operation,
    vendor: payment.vendorCode,
    startState: payment.lifeCycleState,
    number: payment.number,
    vendorPaymentId: payment.vendorPaymentId,
    query,
    field,
    input: (idempotencyKey) => ({ payment: { number: payment.number }, idempotencyKey, ...extra }),
  };
}

/** Void, cancel (with the vendor's own ledger record, and without) and reject. */
export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  scenario(PaymentOperation.VOID, "convergegate", PaymentState.AUTHORIZED),
  scenario(PaymentOperation.CANCEL, "crmcom", PaymentState.POSTED),
  scenario(PaymentOperation.CANCEL, "activeplatform", PaymentState.WAITING_FOR_PAYMENT),
  scenario(PaymentOperation.REJECT, "crmcom", PaymentState.DRAFT),
];

/**
 * What a client may be told when the database fails under its request: a typed answer (data with
 * a `__typename`), or 503 SERVICE_UNAVAILABLE. Never a 500, never INTERNAL_SERVER_ERROR. Answers
 * "success", "error" (a typed error member) or "unavailable"; throws on anything else.
 */
export function judgeAnswer(response: GraphQLResponse, field: string, context = ""): "success" | "error" | "unavailable" {
  if (response.status === 503) {
    if (response.errors?.[0]?.extensions?.code !== "SERVICE_UNAVAILABLE") throw new Error(`${context}: a 503 without SERVICE_UNAVAILABLE: ${JSON.stringify(response)}`);
    return "unavailable";
  }
  const typename: unknown = response.data?.[field]?.__typename;
  if (response.status !== 200 || response.errors || typeof typename !== "string") throw new Error(`${context}: neither typed nor 503: ${JSON.stringify(response)}`);
  return typename.endsWith("Success") ? "success" : "error";
}
