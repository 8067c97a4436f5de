import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import {
  CancelPaymentDocument,
  PaymentDocument,
  RejectPaymentDocument,
  VoidPaymentDocument,
  type CancelPaymentMutation,
  type RejectPaymentMutation,
  type VoidPaymentMutation,
} from "./gql/graphql";

/** A typed call: the document decides the variables' type and the answer's type. */
export async function request<TResult, TVariables>(
  url: string,
  token: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TResult; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length || !body.data) {
    const [first] = body.errors ?? [];
    throw new Error(`${first?.extensions?.code ?? response.status}: ${first?.message ?? "no data"}`);
  }
  return body.data;
}

/** Fails to compile when a union gains a member that the switch does not handle. */
function unhandled(value: never): never {
  throw new Error(`unhandled result ${JSON.stringify(value)}`);
}

type VoidAnswer = VoidPaymentMutation["voidPayment"];
type CancelAnswer = CancelPaymentMutation["cancelPayment"];
type RejectAnswer = RejectPaymentMutation["rejectPayment"];
/** Every error member of the three result unions (they share most of them). */
type OperationRefusal = Exclude<VoidAnswer | CancelAnswer | RejectAnswer, { __typename: `${string}Success` }>;

/** What an operation's refusal means to the user; every error member handled. */
export function describeRefusal(verb: string, result: OperationRefusal): string {
  switch (result.__typename) {
    case "PaymentStateError":
      return `cannot ${verb} now: the payment is ${result.currentState}, it must be ${result.allowedStates.join(" or ")}`;
    case "VendorUnavailableError":
    case "OperationInProgressError":
      return `try again later (${result.code}): ${result.message}`;
    case "OperationNeedsAttentionError":
      return `an operator must settle an earlier operation on this payment first: ${result.message}`;
    case "PostpaidPaymentError":
    case "DuplicateBackOfficeCodeError":
    case "ReferenceNotFoundError":
    case "PaymentNotFoundError":
    case "NotAuthorizedError":
    case "OperationNotSupportedError":
    case "IdempotencyKeyReuseError":
    case "ValidationError":
    case "VendorRejectedError":
    case "OperationFailedError":
      return `refused (${result.code}): ${result.message}`;
    default:
      return unhandled(result);
  }
}

/** Every member of VoidPaymentResult, handled: what to show the user. */
export function describeVoid(result: VoidAnswer): string {
  if (result.__typename === "VoidPaymentSuccess") return `voided: payment ${result.payment.number} is ${result.payment.lifeCycleState}`;
  return describeRefusal("void", result);
}

/** Every member of CancelPaymentResult, handled. */
export function describeCancel(result: CancelAnswer): string {
  if (result.__typename === "CancelPaymentSuccess") {
    return `cancelled: payment ${result.payment.number} is ${result.payment.lifeCycleState}, cancellation ${result.cancellation.number} of ${result.cancellation.amount}`;
  }
  return describeRefusal("cancel", result);
}

/** Every member of RejectPaymentResult, handled. */
export function describeReject(result: RejectAnswer): string {
  if (result.__typename === "RejectPaymentSuccess") {
    return `rejected: payment ${result.payment.number} is ${result.payment.lifeCycleState} (${result.payment.rejectionReason?.name ?? "no reason"})`;
  }
  return describeRefusal("reject", result);
}

/** The payment query and the three mutations, as a frontend would run them. */
export async function runExamples(url: string, token: string): Promise<string[]> {
  const lines: string[] = [];
  const { payment } = await request(url, token, PaymentDocument, { number: "1001" });
  lines.push(payment ? `payment ${payment.number}: ${payment.lifeCycleState} ${payment.amount} ${payment.currency.code}, can ${payment.availableOperations.join(", ")}` : "payment 1001 not found");
  const voided = await request(url, token, VoidPaymentDocument, { input: { payment: { number: "1001" }, idempotencyKey: "typed-client-void-1001" } });
  lines.push(describeVoid(voided.voidPayment));
  const cancelled = await request(url, token, CancelPaymentDocument, {
    input: { payment: { referenceNumber: "REF-1025" }, type: { name: "Payment Cancellation" }, udfFloat1: "12.50" },
  });
  lines.push(describeCancel(cancelled.cancelPayment));
  const rejected = await request(url, token, RejectPaymentDocument, { input: { payment: { number: "1030" }, rejectionReason: { name: "Reject Due to Business Request" } } });
  lines.push(describeReject(rejected.rejectPayment));
  const again = await request(url, token, VoidPaymentDocument, { input: { payment: { number: "1004" } } });
  lines.push(describeVoid(again.voidPayment));
  return lines;
}
