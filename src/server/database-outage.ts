import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";

/** Seconds a client is told to wait (Retry-After) while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

export const SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

/** SQLSTATE classes and codes that mean "the database cannot serve now", not "this request is wrong". */
const UNAVAILABLE_SQLSTATES = [/^08/, /^57P0[1-4]$/, /^53300$/, /^57014$/, /^25P03$/];
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ENOENT"]);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is not established/i,
  /connection.*(closed|ended)/i,
  /Cannot use a pool after calling end/i,
];

/** True when the error (or what it wraps) says PostgreSQL is unreachable, restarting, or too slow. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; originalError?: unknown; thrownValue?: unknown };
  if (typeof e.code === "string" && (UNAVAILABLE_NODE_CODES.has(e.code) || UNAVAILABLE_SQLSTATES.some((re) => re.test(e.code as string)))) {
    return true;
  }
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))) return true;
  return [e.driverError, e.cause, e.originalError, e.thrownValue].some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** The top-level error of a request that could not be served because the database is unreachable. */
export function serviceUnavailableError(requestId?: string): GraphQLError {
  return new GraphQLError("The service is temporarily unavailable: the database cannot be reached. Retry later.", {
    extensions: {
      code: SERVICE_UNAVAILABLE,
      ...(requestId ? { requestId } : {}),
      http: { status: 503, headers: new Map([["retry-after", String(RETRY_AFTER_SECONDS)]]) },
    },
  });
}

/** A response holding a SERVICE_UNAVAILABLE error (from a resolver too) is HTTP 503 with Retry-After. */
export function databaseOutagePlugin(onUnavailable: () => void): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, errors }) {
          const unavailable = (errors ?? []).some(
            (error) => error.extensions?.code === SERVICE_UNAVAILABLE || isDatabaseUnavailable(unwrapResolverError(error)),
          );
          if (!unavailable) return;
          onUnavailable();
          response.http.status = 503;
          response.http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
