import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express from "express";
import type { PaymentDatabase } from "../stores/stores";
import type { GraphQLContext } from "../graphql/context";
import { createLoaders } from "../graphql/loaders";
import { buildApiSchema } from "../graphql/schema";
import type { PaymentOperationPipeline } from "../operations/operation-pipeline";
import type { VendorRegistry } from "../vendors/vendor-registry";
import { logger } from "../observability/logger";
import { createMetrics, type Metrics } from "../observability/metrics";
import { isDatabaseUnavailable } from "../database/database-failures";
import { databaseOutagePlugin, serviceUnavailableError } from "./database-outage";
import { formatError, unexpectedErrorsPlugin } from "./format-error";
import { notFoundHandler, requestErrorHandler } from "./http-errors";
import { graphqlEndpoint, isGraphqlPost } from "./graphql-http";
import { assignRequestId, requestIdOf } from "./request-id";
import { requestMetricsPlugin } from "./request-metrics";
import { stringGuardPlugin } from "./string-guard";
import { complexityLimitPlugin, depthLimitRule } from "./query-limits";
import { compiledExecution } from "./compiled-execution";
import { corsForOrigins } from "./cors";
import { CSRF_PREVENTION, graphqlOverHttpPlugin } from "./graphql-over-http";
import { explorer } from "./explorer";
import { consoleRouter } from "./console";
import { startSubscriptionServer, type RunningSubscriptionServer } from "./subscriptions/subscription-server";
import { subscriptionsOverWebSocketPlugin } from "./subscriptions/subscriptions-over-http";
import { listen, urlOf } from "./listen-address";
import { accessLogPlugin, noteGraphqlContext, startAccessLog } from "./access-log";
import { setSecurityHeaders } from "./security-headers";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLError } from "graphql";
import { authenticate, type Authentication, type Principal } from "../access/access-tokens";
import { tokenCacheFor } from "../access/token-cache";
import type { Clock } from "../access/clock";
import type { AppConfig } from "../config";

export interface ApiServerDependencies {
  db: PaymentDatabase;
  vendors: VendorRegistry;
  operations: PaymentOperationPipeline;
  limits: Pick<AppConfig, "maxQueryDepth" | "maxQueryComplexity" | "maxQueryTokens" | "introspection" | "explorer" | "corsOrigins" | "console" | "tokenCacheMs" | "production" | "maxSubscriptionsPerConnection" | "maxConnectionsPerToken">;
  /** Session expiry is judged by this clock (tests move it). */
  clock?: Clock;
  /** Where requests and the database are measured (served by the metrics server); a fresh set by default. */
  metrics?: Metrics;
  /** Requests in flight get this long to finish once stop() is called; then their connections are closed. */
  stopGracePeriodMs?: number;
}

/** Why a request without a usable token is refused, as a top-level error (HTTP 401). */
function authenticationError(reason: Exclude<Authentication, { ok: true }>["reason"]): GraphQLError {
  const [code, message] =
    reason === "SESSION_EXPIRED"
      ? ["SESSION_EXPIRED", "The session has expired: sign in again."]
      : reason === "MISSING"
        ? ["UNAUTHENTICATED", "Send a token as `Authorization: Bearer <token>`."]
        : ["UNAUTHENTICATED", "The token is not valid: it is unknown, revoked or expired."];
  return new GraphQLError(message, { extensions: { code, http: { status: 401 } } });
}

/** What the resolvers of one request get, for a caller the token names. */
export function graphqlContextFor(deps: Pick<ApiServerDependencies, "db" | "vendors" | "operations">, principal: Principal, requestId: string): GraphQLContext {
  return {
    requestId,
    db: deps.db,
    loaders: createLoaders(deps.db.stores),
    actor: {
      name: principal.prefix,
      resellerId: principal.resellerId,
      idempotencyScope: principal.tokenId,
      reach: { resellerIds: principal.reachableResellerIds },
      permissions: principal.permissions,
    },
    token: { prefix: principal.prefix, kind: principal.kind, expiresAt: principal.expiresAt, reseller: principal.reseller, roles: principal.roles },
    vendors: deps.vendors,
    operations: deps.operations,
  };
}

export interface RunningApiServer {
  url: string;
  httpServer: Server;
  metrics: Metrics;
  /** graphql-ws on /graphql: its connections and subscriptions. */
  subscriptions: Pick<RunningSubscriptionServer, "connectionCount" | "subscriptionCount">;
  /** From now on /health/ready answers 503 (the instance is stopping). */
  markStopping(): void;
  /** Stops accepting requests and waits for those in flight (at most the grace period). */
  stop(): Promise<void>;
}

/** The HTTP application: POST /graphql, health checks and metrics; on every interface unless a host (HOST) is given. */
export async function startApiServer(deps: ApiServerDependencies, port: number, host = "0.0.0.0"): Promise<RunningApiServer> {
  const app = express();
  app.disable("x-powered-by");
  // No ETag: answers to POST /graphql are never revalidated, and hashing each body costs CPU.
  app.set("etag", false);
  const httpServer = createServer();
  const metrics = deps.metrics ?? createMetrics();
  const schema = buildApiSchema(deps.vendors.codes());
  let stopping = false;
  const tokens = tokenCacheFor(deps.db, deps.limits.tokenCacheMs);

  const apollo = new ApolloServer<GraphQLContext>({
    gateway: compiledExecution(schema, { hideSuggestions: deps.limits.production }),
    // Shutdown has one owner (src/server/lifecycle.ts): Apollo must not handle signals itself.
    stopOnTerminationSignals: false,
    formatError,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: CSRF_PREVENTION,
    allowBatchedHttpRequests: false,
    introspection: deps.limits.introspection,
    parseOptions: { maxTokens: deps.limits.maxQueryTokens },
    validationRules: [depthLimitRule(deps.limits.maxQueryDepth)],
    validationOptions: { hideSuggestions: deps.limits.production },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: deps.stopGracePeriodMs ?? 10_000 }),
      databaseOutagePlugin(() => metrics.databaseUnavailable.inc()),
      requestMetricsPlugin(schema, metrics),
      accessLogPlugin(schema),
      stringGuardPlugin(),
      subscriptionsOverWebSocketPlugin(),
      unexpectedErrorsPlugin(),
      complexityLimitPlugin(deps.limits.maxQueryComplexity, { hideSuggestions: deps.limits.production }),
      graphqlOverHttpPlugin(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  app.get("/health/live", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/health/ready", async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: "stopping" });
      return;
    }
    try {
      await deps.db.ping();
      res.json({ status: "ok" });
    } catch (error) {
      logger.warn({ err: error }, "readiness check failed: database unreachable");
      res.status(503).json({ status: "unavailable" });
    }
  });
  const contextFor = async (req: IncomingMessage, res: ServerResponse): Promise<GraphQLContext> => {
    const requestId = requestIdOf(res);
    const authentication = await authenticate(deps.db.stores, req.headers.authorization, deps.clock, tokens?.cache).catch((error: unknown) => {
      // No context yet, so no plugin sees this request's errors: log them here, with the request id.
      if (isDatabaseUnavailable(error)) {
        metrics.databaseUnavailable.inc();
        logger.warn({ err: error, requestId }, "database unreachable while checking a token");
        throw serviceUnavailableError(requestId);
      }
      logger.error({ err: error, requestId }, "unexpected error while checking a token");
      throw new GraphQLError("Internal server error", { extensions: { code: "INTERNAL_SERVER_ERROR", requestId } });
    });
    if (!authentication.ok) throw authenticationError(authentication.reason);
    const context = graphqlContextFor(deps, authentication.principal, requestId);
    noteGraphqlContext(context, res);
    return context;
  };
  const graphql = graphqlEndpoint(corsForOrigins(deps.limits.corsOrigins), apollo, contextFor);

  if (deps.limits.explorer) {
    const { page, files } = explorer();
    app.get("/graphql", page);
    app.use(files);
  }
  if (deps.limits.console) app.use("/console", consoleRouter());
  app.all("/graphql", graphql);
  app.use(notFoundHandler);
  app.use(requestErrorHandler);

  // POST /graphql, every query and mutation, goes straight to the /graphql steps; the rest (GET
  // queries, preflights, the explorer, the console, health) through Express, which ends /graphql
  // in the same steps.
  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    assignRequestId(req, res);
    setSecurityHeaders(res);
    startAccessLog(req, res);
    if (isGraphqlPost(req)) graphql(req, res);
    else app(req, res);
  });
  // Subscriptions: graphql-ws on the upgrade of /graphql (src/server/subscriptions/).
  const subscriptions = startSubscriptionServer({
    httpServer,
    schema,
    db: deps.db,
    limits: deps.limits,
    clock: deps.clock,
    tokenCache: tokens?.cache,
    contextFor: (principal, requestId) => graphqlContextFor(deps, principal, requestId),
  });
  await listen(httpServer, port, host);

  return {
    url: urlOf(httpServer, host, "/graphql"),
    httpServer,
    metrics,
    subscriptions,
    markStopping() {
      stopping = true;
      subscriptions.markStopping();
    },
    async stop() {
      stopping = true;
      await subscriptions.stop();
      await apollo.stop();
      await tokens?.stop();
    },
  };
}
