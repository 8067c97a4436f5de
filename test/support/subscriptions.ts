import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/** A subscription as a client sees it: what arrived, and how its connection ended. */
export interface TestSubscription {
  received: any[];
  errors: unknown[];
  /** The connection's close code and reason, once it closed. */
  closed: Promise<{ code: number; reason: string }>;
  /** Waits until `count` results have arrived (or the time is up) and answers them. */
  results(count: number, timeoutMs?: number): Promise<any[]>;
  client: Client;
  dispose(): Promise<void>;
}

export function webSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, "ws");
}

/** Subscribes over graphql-ws with a token, as a client would, without retrying. */
export function subscribe(httpUrl: string, token: string | null, query: string, variables?: Record<string, unknown>): TestSubscription {
  let closedWith!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (closedWith = resolve));
  const client = createClient({
    url: webSocketUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    on: { closed: (event) => closedWith({ code: (event as { code: number }).code, reason: String((event as { reason: string }).reason) }) },
  });
  const received: any[] = [];
  const errors: unknown[] = [];
  client.subscribe({ query, variables }, { next: (value) => received.push(value), error: (error) => errors.push(error), complete: () => {} });
  return {
    received,
    errors,
    closed,
    client,
    async results(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      return received;
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}

/** Waits until `probe` holds, at most `timeoutMs`. */
export async function eventually(probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
