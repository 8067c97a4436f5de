import { AsyncLocalStorage } from "node:async_hooks";

/** The request being served, reachable from anywhere below its handler (logs, error formatting). */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
