import { unwrapResolverError } from "@apollo/server/errors";
import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLError, GraphQLFormattedError } from "graphql";
import type { GraphQLContext } from "../graphql/context";
import { ArgumentValidationError } from "type-graphql";
import { logger } from "../observability/logger";
import { rewordLimitError } from "./query-limits";
import { isDatabaseUnavailable } from "../database/database-failures";
import { SERVICE_UNAVAILABLE, serviceUnavailableError } from "./database-outage";
import { flattenValidationErrors } from "../operations/validation-errors";
import { BadInputError } from "../domain/bad-input";

const EXPECTED_CODES = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "SESSION_EXPIRED",
  "FORBIDDEN",
  "QUERY_TOO_COMPLEX",
  "TOO_MANY_SUBSCRIPTIONS",
  "SUBSCRIPTION_OVERFLOW",
  SERVICE_UNAVAILABLE,
]);

/**
 * Request-level errors as clients see them, the one place where the domain's errors become
 * GraphQL's: input errors say what is wrong and where; anything
 * unexpected is answered as INTERNAL_SERVER_ERROR (and logged with the request id by
 * unexpectedErrorsPlugin), with no message, SQL or stack trace of ours.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof ArgumentValidationError) {
    const fieldErrors = flattenValidationErrors(original.extensions.validationErrors);
    return {
      message: `Invalid input: ${fieldErrors.map((e) => `${e.field}: ${e.message}`).join("; ")}`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "BAD_USER_INPUT", fieldErrors },
    };
  }
  if (original instanceof BadInputError) {
    const { argumentName, max } = original;
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "BAD_USER_INPUT", ...(argumentName ? { argumentName } : {}), ...(max !== undefined ? { max } : {}) },
    };
  }
  const code = formatted.extensions?.code;
  const limitError = rewordLimitError(formatted);
  if (limitError) return limitError;
  if (typeof code === "string" && EXPECTED_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // Set by the context function on an error before the request has a context; the others get it in unexpectedErrorsPlugin.
  const requestId = formatted.extensions?.requestId;
  const withRequestId = typeof requestId === "string" ? { requestId } : {};
  if (isDatabaseUnavailable(original)) {
    const { message, extensions } = serviceUnavailableError();
    return { message, locations: formatted.locations, path: formatted.path, extensions: { code: extensions.code, ...withRequestId } };
  }
  return {
    message: "Internal server error",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR", ...withRequestId },
  };
}

/** An error the API did not expect (nor an outage): what is logged in full, and answered INTERNAL_SERVER_ERROR. */
function isExpected(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  const original = unwrapResolverError(error);
  return original instanceof ArgumentValidationError || original instanceof BadInputError || (typeof code === "string" && EXPECTED_CODES.has(code));
}

/**
 * Logs the errors of a request that the API did not expect, with the request's id, and gives the
 * client that id (extensions.requestId) to quote. The request id travels in the GraphQL context,
 * not in async-local storage, so that no hook runs on every promise of every request.
 */
export function unexpectedErrorsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isExpected(error)) continue;
            const original = unwrapResolverError(error);
            if (isDatabaseUnavailable(original)) {
              logger.warn({ err: original, requestId: contextValue.requestId, path: error.path }, "database unreachable while answering a GraphQL request");
            } else {
              logger.error({ err: original, requestId: contextValue.requestId, path: error.path }, "unexpected error while answering a GraphQL request");
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.code;
            if (code === "INTERNAL_SERVER_ERROR" || code === SERVICE_UNAVAILABLE) {
              (error as { extensions: Record<string, unknown> }).extensions = { ...error.extensions, requestId: contextValue.requestId };
            }
          }
        },
      };
    },
  };
}
