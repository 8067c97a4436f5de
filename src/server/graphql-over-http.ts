import type { ApolloServerPlugin } from "@apollo/server";
import Negotiator from "negotiator";

/**
 * Apollo Server's CSRF prevention: a request runs only if a browser must have asked first (a CORS
 * preflight, which cors.ts grants to the listed origins only). A POST with a JSON content type
 * qualifies, and so does any request carrying one of these headers, none of which a page can put
 * on a simple cross-site request. `authorization` is among them so that a GET query with the
 * bearer token (urql's default) runs; a cross-site form, link or image still cannot run anything:
 * it carries no such header, or only credentials the browser keeps for HTTP authentication
 * (Basic and the like), which the API never asks for and refuses (only `Bearer` tokens) before any
 * resolver runs.
 */
export const CSRF_PREVENTION = { requestHeaders: ["x-apollo-operation-name", "apollo-require-preflight", "authorization"] };

const APPLICATION_JSON = "application/json";
const GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";

/** A well-formed request that GraphQL refused before running it: the document, the operation or the variables. */
const REQUEST_ERROR_CODES = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "OPERATION_RESOLUTION_FAILURE", "BAD_USER_INPUT", "QUERY_TOO_COMPLEX"]);

/**
 * Whether the client's Accept names `application/json` ahead of `application/graphql-response+json`
 * (or alone): a client of the older JSON media type, which reads the status as the transport's.
 */
export function prefersLegacyJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const named = new Negotiator({ headers: { accept } })
    .mediaTypes()
    .map((type) => type.toLowerCase())
    .find((type) => type === APPLICATION_JSON || type === GRAPHQL_RESPONSE_JSON);
  return named === APPLICATION_JSON;
}

/**
 * Status codes as the GraphQL-over-HTTP specification asks: a request error (a document that does
 * not parse or validate, variables that do not coerce) is 400 in `application/graphql-response+json`
 * and for clients that name no media type (no Accept, or wildcards only), and 200 with the errors
 * for a client that asked for `application/json` by name. Errors outside GraphQL (401, 413, 415, 503) keep theirs.
 */
export function graphqlOverHttpPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      if (!prefersLegacyJson(request.http?.headers.get("accept"))) return;
      return {
        async willSendResponse({ response }) {
          if (response.http.status !== 400 || response.body.kind !== "single") return;
          const { data, errors = [] } = response.body.singleResult;
          if (data === undefined && errors.length > 0 && errors.every((error) => REQUEST_ERROR_CODES.has(String(error.extensions?.code)))) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}
