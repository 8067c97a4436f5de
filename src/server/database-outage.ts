import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import { isDatabaseUnavailable } from "../database/database-failures";

/** Seconds a client is told to wait (Retry-After) while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

export const SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

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
