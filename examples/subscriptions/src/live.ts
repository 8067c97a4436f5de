import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { OperationChangedDocument, VoidPaymentDocument, type OperationChangedSubscription, type VoidPaymentMutation } from "./gql/graphql";

/** The WebSocket address of the API: its /graphql URL with ws: or wss:. */
export function webSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, "ws");
}

/**
 * A graphql-ws client of the API. A browser cannot give a WebSocket an Authorization header: the
 * token goes in connection_init's payload. Closes with 4401, 4403 or 4430 are not retried
 * (the token will not do better), 1001 and 1013 are (another instance, or later).
 */
export function createLiveClient(httpUrl: string, token: string, onClosed?: (code: number, reason: string) => void): Client {
  return createClient({
    url: webSocketUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    shouldRetry: (event) => ![4401, 4403, 4430].includes((event as { code?: number }).code ?? 0),
    on: { closed: (event) => onClosed?.((event as { code: number }).code, String((event as { reason: string }).reason)) },
  });
}

/** Voids a payment over HTTP, as another user (or another instance) would. */
async function voidOverHttp(httpUrl: string, token: string, number: string): Promise<VoidPaymentMutation["voidPayment"]> {
  const response = await fetch(httpUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(VoidPaymentDocument), variables: { input: { payment: { number } } } }),
  });
  const body = (await response.json()) as { data: VoidPaymentMutation };
  return body.data.voidPayment;
}

/** Listens to operations that start and succeed, voids a payment, and prints what arrives; then shows a bad token's close. */
export async function runExample(httpUrl: string, token: string, number = "1002"): Promise<string[]> {
  const lines: string[] = [];
  const heardLines: string[] = [];
  const client = createLiveClient(httpUrl, token);
  const changes = client.iterate<OperationChangedSubscription>({ query: print(OperationChangedDocument), variables: { changes: ["STARTED", "SUCCEEDED"] } });
  const heard = (async () => {
    for await (const result of changes) {
      const { change, operation, payment } = result.data!.operationChanged;
      // The operation and the payment are read as the change is delivered: the latest state.
      if (change === "STARTED") heardLines.push(`heard STARTED: ${operation.operation} of payment ${payment.number}`);
      if (change === "SUCCEEDED") {
        heardLines.push(`heard SUCCEEDED: ${operation.operation} of payment ${payment.number} is ${operation.status}, payment ${payment.lifeCycleState}`);
        break;
      }
    }
  })();
  // The protocol acknowledges a connection, not a subscription: give the API a moment to hold it.
  await new Promise<void>((resolve) => client.on("connected", () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const voided = await voidOverHttp(httpUrl, token, number);
  lines.push(`void of ${number} answered ${voided.__typename}`);
  await heard;
  await client.dispose();
  lines.push(...heardLines);

  const closed = await new Promise<string>((resolve) => {
    const refused = createLiveClient(httpUrl, "pay_00000000_not-a-token", (code, reason) => resolve(`a bad token is closed: ${code} ${reason}`));
    refused.subscribe({ query: print(OperationChangedDocument) }, { next: () => {}, error: () => {}, complete: () => {} });
  });
  lines.push(closed);
  return lines;
}
