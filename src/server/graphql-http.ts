import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import express from "express";
import { graphqlRequestGuard, requestErrorHandler } from "./http-errors";
import { inTurn, type Middleware } from "./middleware";

/** What a request to /graphql goes through, once composed, whichever way it came in. */
export type GraphqlEndpoint = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Every request to /graphql, in one list of steps: CORS, the method and content-type guard, the
 * JSON body (1 MB at most: a batch of 500 recorded payments fits), Apollo Server; a refusal or failure of any step is answered by
 * `requestErrorHandler`. Composed once, and taken both by the fast path (POST /graphql, on Node's
 * own request and response) and by Express's route (GET queries, preflights, other methods).
 */
export function graphqlEndpoint<TContext extends BaseContext>(
  cors: Middleware,
  apollo: ApolloServer<TContext>,
  context: (req: IncomingMessage, res: ServerResponse) => Promise<TContext>,
): GraphqlEndpoint {
  return inTurn([cors, graphqlRequestGuard, express.json({ limit: "1mb" }), apolloStep(apollo, context)], requestErrorHandler);
}

/** A query or mutation: POST on /graphql itself, the path every frontend and the console post to. */
export function isGraphqlPost(req: Pick<IncomingMessage, "method" | "url">): boolean {
  const url = req.url ?? "";
  return req.method === "POST" && url.startsWith("/graphql") && (url.length === 8 || url[8] === "?");
}

/** The part of a request's URL after the path, with its `?` (what Apollo Server reads GET queries from). */
function searchOf(url: string | undefined): string {
  const start = url?.indexOf("?") ?? -1;
  return start < 0 ? "" : url!.slice(start);
}

/**
 * The last step of /graphql: the request, its JSON body already read into `req.body`, handed to
 * Apollo Server, and its answer written. What `@as-integrations/express5` does, on Node's own
 * request and response, so that a query or mutation needs no Express router on its way.
 */
function apolloStep<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  context: (req: IncomingMessage, res: ServerResponse) => Promise<TContext>,
): Middleware {
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? "GET").toUpperCase(), headers, search: searchOf(req.url), body: (req as { body?: unknown }).body },
      context: () => context(req, res),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.setHeader("content-length", Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return (req, res, next) => {
    answer(req, res).catch(next);
  };
}
