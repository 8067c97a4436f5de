import type { TestApi } from "./test-api";
import { snapshotDatabase } from "./test-database";
import { PaymentOperation } from "../../src/domain/payment-operation";

export { demoPayment } from "./demo-payments";

export const RESULT_FIELDS = `
  __typename
  ... on Error { code message retryable }
  ... on PaymentStateError { currentState allowedStates }
  ... on OperationNotSupportedError { vendor operation }
  ... on ValidationError { fieldErrors { field message } }
  ... on OperationInProgressError { operation }
  ... on IdempotencyKeyReuseError { idempotencyKey }
  ... on VendorRejectedError { vendor vendorCode vendorMessage }
  ... on VendorUnavailableError { vendor }
  ... on OperationNeedsAttentionError { operationId }
`;

const PAYMENT_FIELDS = `payment { id number lifeCycleState closedAt availableOperations gatewayReferenceNumber rejectionReason { name }
  events { type actor fromState toState vendorOutcome } }`;

export const VOID_MUTATION = `mutation($input: VoidPaymentInput!) { voidPayment(input: $input) {
  ${RESULT_FIELDS} ... on VoidPaymentSuccess { ${PAYMENT_FIELDS} } } }`;

export const REJECT_MUTATION = `mutation($input: RejectPaymentInput!) { rejectPayment(input: $input) {
  ${RESULT_FIELDS} ... on ReferenceNotFoundError { field } ... on RejectPaymentSuccess { ${PAYMENT_FIELDS} } } }`;

export const CANCEL_MUTATION = `mutation($input: CancelPaymentInput!) { cancelPayment(input: $input) {
  ${RESULT_FIELDS} ... on ReferenceNotFoundError { field } ... on DuplicateBackOfficeCodeError { backOfficeCode }
  ... on PostpaidPaymentError { paymentModel }
  ... on CancelPaymentSuccess { ${PAYMENT_FIELDS} cancellation { id number referenceNumber lifeCycleState amount notes backOfficeCode
    issueReason udfString1 udfString8 udfFloat1 udfFloat4 udfDate1 type { name } category { code } currencyRatePeriod { rate }
    payment { number } } } } }`;

export const PAYMENT_TYPE = { name: "Payment Cancellation" };

/** Each operation's mutation, its result field and the input it needs besides the payment: the one table the tests share. */
export const OPERATION_MUTATIONS: Readonly<Record<PaymentOperation, { query: string; field: string; extra: Record<string, unknown> }>> = {
  [PaymentOperation.VOID]: { query: VOID_MUTATION, field: "voidPayment", extra: {} },
  [PaymentOperation.CANCEL]: { query: CANCEL_MUTATION, field: "cancelPayment", extra: { type: PAYMENT_TYPE } },
  [PaymentOperation.REJECT]: { query: REJECT_MUTATION, field: "rejectPayment", extra: {} },
};

/** Sends a mutation that must be refused as data, and checks that the database did not change. */
export async function refusedWithoutChange(api: TestApi, query: string, field: string, input: Record<string, unknown>) {
  const before = await snapshotDatabase(api.dataSource);
  const res = await api.graphql(query, { input });
  expect(res.errors).toBeUndefined();
  expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  return res.data[field];
}
