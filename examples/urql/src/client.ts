import { Client, cacheExchange, fetchExchange, type AnyVariables, type OperationResult } from "@urql/core";
import { CancelPaymentDocument, PaymentDocument, VoidPaymentDocument, type CancelPaymentMutation, type VoidPaymentMutation } from "./gql/graphql";

/**
 * urql with its defaults: queries as GET (while the URL stays short), mutations as POST. The
 * Authorization header is what lets a GET query through the API's CSRF prevention: a header that
 * only a request the browser preflighted can carry.
 */
export function createApiClient(url: string, token: string): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
  });
}

/** The data of an answer, or the request-level error (no token, a refused document) as a thrown one. */
function dataOf<T>(result: OperationResult<T, AnyVariables>): T {
  if (result.error || !result.data) throw result.error ?? new Error("no data");
  return result.data;
}

type OperationAnswer = VoidPaymentMutation["voidPayment"] | CancelPaymentMutation["cancelPayment"];

/** A success, or any error member by its `code`, `message` and whether a retry can help. */
export function describeAnswer(verb: string, answer: OperationAnswer): string {
  if ("payment" in answer) return `${verb} succeeded: payment ${answer.payment.number} is ${answer.payment.lifeCycleState}`;
  return `${verb} refused, ${answer.__typename} (${answer.code}, ${answer.retryable ? "retry later" : "do not retry"}): ${answer.message}`;
}

/** A postpaid ActivePlatform payment looked up and cancelled (refused), then a ConvergeGate payment voided. */
export async function runExample(client: Client): Promise<string[]> {
  const { payment } = dataOf(await client.query(PaymentDocument, { number: "1019" }).toPromise());
  const cancelled = dataOf(await client.mutation(CancelPaymentDocument, { input: { payment: { number: "1019" }, type: { name: "Payment Cancellation" } } }).toPromise());
  const voided = dataOf(await client.mutation(VoidPaymentDocument, { input: { payment: { number: "1002" } } }).toPromise());
  return [
    payment ? `payment ${payment.number}: ${payment.lifeCycleState} ${payment.paymentModel}, operations: ${payment.availableOperations.join(", ") || "none"}` : "payment 1019 not found",
    describeAnswer("cancel", cancelled.cancelPayment),
    describeAnswer("void", voided.voidPayment),
  ];
}
