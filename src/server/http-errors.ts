import type { IncomingMessage, ServerResponse } from "node:http";
import typeIs from "type-is";
import { logger } from "../observability/logger";
import { requestIdOf } from "./request-id";
import { unsupportedCharset } from "./request-charset";
import type { Middleware } from "./middleware";

/** A request refused before GraphQL runs, answered the way GraphQL errors are: JSON, a code, no stack. */
export function sendRequestError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(body));
  res.end(body);
}

/** Only GET (queries, the explorer) and POST reach /graphql; POST bodies must be JSON, in UTF-8. */
export const graphqlRequestGuard: Middleware = (req, res, next) => {
  if (req.method !== "GET" && req.method !== "POST" && req.method !== "OPTIONS") {
    sendRequestError(res, 405, "METHOD_NOT_ALLOWED", "Use POST (or GET for queries) on /graphql.", { allow: "GET, POST" });
    return;
  }
  if (req.method === "POST" && !typeIs(req, ["application/json"])) {
    sendRequestError(res, 415, "UNSUPPORTED_MEDIA_TYPE", "Send the request as `Content-Type: application/json`.");
    return;
  }
  const charset = req.method === "POST" ? unsupportedCharset(req) : undefined;
  if (charset !== undefined) {
    sendRequestError(res, 415, "UNSUPPORTED_MEDIA_TYPE", `The charset "${charset.slice(0, 40)}" is not supported: send the body in UTF-8.`);
    return;
  }
  next();
};

/** body-parser's refusals (https://github.com/expressjs/body-parser#errors) by their `type`. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  "entity.parse.failed": [400, "BAD_REQUEST", "The request body is not valid JSON."],
  "entity.too.large": [413, "PAYLOAD_TOO_LARGE", "The request body is larger than the limit."],
  "entity.verify.failed": [400, "BAD_REQUEST", "The request body could not be verified."],
  "encoding.unsupported": [415, "UNSUPPORTED_MEDIA_TYPE", "The content encoding is not supported: send identity, gzip, deflate or br."],
  "charset.unsupported": [415, "UNSUPPORTED_MEDIA_TYPE", "The charset is not supported: send UTF-8."],
  "request.aborted": [400, "BAD_REQUEST", "The request was aborted."],
  "request.size.invalid": [400, "BAD_REQUEST", "The request body does not match its Content-Length."],
  "stream.encoding.set": [500, "INTERNAL_SERVER_ERROR", "Internal server error"],
  "stream.not.readable": [500, "INTERNAL_SERVER_ERROR", "Internal server error"],
};

/**
 * The last error handler, of Express and of POST /graphql: whatever fails before or around
 * GraphQL (body parsing, an unexpected throw) is answered as a JSON GraphQL error with a code, in
 * every environment; the stack goes to the log only. It keeps its fourth parameter, unused:
 * Express tells an error handler from other middleware by its four parameters.
 */
export function requestErrorHandler(thrown: unknown, _req: IncomingMessage, res: ServerResponse, _next?: unknown): void {
  const error = thrown as { type?: unknown; status?: unknown } | undefined;
  const type = typeof error?.type === "string" ? error.type : "";
  const known = BODY_ERRORS[type];
  if (known && known[0] < 500) {
    sendRequestError(res, known[0], known[1], known[2]);
    return;
  }
  if (typeof error?.status === "number" && error.status >= 400 && error.status < 500) {
    sendRequestError(res, error.status, "BAD_REQUEST", "The request could not be read.");
    return;
  }
  logger.error({ err: error, requestId: requestIdOf(res) }, "unexpected error before GraphQL");
  sendRequestError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
}

/** Paths that do not exist answer a JSON 404. */
export function notFoundHandler(_req: IncomingMessage, res: ServerResponse): void {
  sendRequestError(res, 404, "NOT_FOUND", "Nothing here: the API is at /graphql.");
}
