import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError as ClassValidatorError } from "class-validator";
import { logger } from "../observability/logger";
import { currentRequestId } from "../observability/request-context";
import { rewordLimitError } from "./query-limits";
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE, serviceUnavailableError } from "./database-outage";
import { flattenValidationErrors } from "../operations/validation-errors";

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
  SERVICE_UNAVAILABLE,
]);

/**
 * Request-level errors as clients see them: input errors say what is wrong and where; anything
 * unexpected is logged with the request id and answered as INTERNAL_SERVER_ERROR, with no
 * message, SQL or stack trace of ours.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof ArgumentValidationError) {
    const fieldErrors = flattenValidationErrors(original.extensions.validationErrors as ClassValidatorError[]);
    return {
      message: `Invalid input: ${fieldErrors.map((e) => `${e.field}: ${e.message}`).join("; ")}`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "BAD_USER_INPUT", fieldErrors },
    };
  }
  const code = formatted.extensions?.code;
  const limitError = rewordLimitError(formatted);
  if (limitError) return limitError;
  if (typeof code === "string" && EXPECTED_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const requestId = currentRequestId();
  if (isDatabaseUnavailable(original)) {
    logger.warn({ err: original, requestId, path: formatted.path }, "database unreachable while answering a GraphQL request");
    const { message, extensions } = serviceUnavailableError();
    return { message, locations: formatted.locations, path: formatted.path, extensions: { code: extensions.code, requestId } };
  }
  logger.error({ err: original, requestId, path: formatted.path }, "unexpected error while answering a GraphQL request");
  return {
    message: "Internal server error",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
  };
}
