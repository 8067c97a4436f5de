import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

const HEADER = "x-request-id";

/**
 * Gives a request its id: the caller's `X-Request-Id` (its first 100 characters) or a new UUID,
 * echoed in the response's `X-Request-Id`. Logs and INTERNAL_SERVER_ERROR answers quote it.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[HEADER];
  const requestId = (typeof given === "string" ? given.slice(0, 100) : "") || randomUUID();
  res.setHeader(HEADER, requestId);
  return requestId;
}

/** The id `assignRequestId` gave the request this response answers. */
export function requestIdOf(res: ServerResponse): string {
  return String(res.getHeader(HEADER) ?? "");
}
