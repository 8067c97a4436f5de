import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
// The API's possibleTypes, generated with schema.graphql (`npm run schema:print`); outside this
// repository: `payment-operations-api/possible-types.json`, a copy, or codegen's fragment-matcher.
import introspection from "../../../possible-types.json";
import { CancelPaymentDocument, PaymentDocument, type CancelPaymentMutation } from "./gql/graphql";

/**
 * Apollo Client for the API. The cache must know which types implement `Error` and make up each
 * result union: without possibleTypes, `... on Error { code message retryable }` never matches a
 * union member and those fields are missing from the answer.
 */
export function createApiClient(url: string, token: string): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: url, headers: { authorization: `Bearer ${token}` } }),
    cache: new InMemoryCache({ possibleTypes: introspection.possibleTypes }),
  });
}

type CancelAnswer = CancelPaymentMutation["cancelPayment"];

/** What a cancel's answer means to the user: the success, or the error's code, message and whether to retry. */
export function describeCancel(result: CancelAnswer): string {
  switch (result.__typename) {
    case "CancelPaymentSuccess":
      return `cancelled: payment ${result.payment.number} is ${result.payment.lifeCycleState}, cancellation ${result.cancellation.number} of ${result.cancellation.amount}`;
    case "PaymentStateError":
      return `cannot cancel now (${result.code}): the payment is ${result.currentState}, it must be ${result.allowedStates.join(" or ")}`;
    default:
      return `refused, ${result.__typename} (${result.code}, ${result.retryable ? "retry later" : "do not retry"}): ${result.message}`;
  }
}

/** Looks up a payment and cancels it, as a frontend would. */
export async function lookUpAndCancel(client: ApolloClient, number: string): Promise<string[]> {
  const { data } = await client.query({ query: PaymentDocument, variables: { number } });
  const payment = data?.payment;
  if (!payment) return [`payment ${number} not found`];
  const cancelled = await client.mutate({
    mutation: CancelPaymentDocument,
    variables: { input: { payment: { number }, type: { name: "Payment Cancellation" } } },
  });
  if (!cancelled.data) throw new Error(`no answer to the cancellation of payment ${number}`);
  return [
    `payment ${payment.number}: ${payment.lifeCycleState} ${payment.paymentModel} at ${payment.vendorCode}, operations: ${payment.availableOperations.join(", ") || "none"}`,
    describeCancel(cancelled.data.cancelPayment),
  ];
}
