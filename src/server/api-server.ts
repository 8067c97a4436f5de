import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { AppDataSource } from "../database/data-source";
import type { GraphQLContext } from "../graphql/context";
import { createLoaders } from "../graphql/loaders";
import { buildApiSchema } from "../graphql/schema";
import type { PaymentOperationPipeline } from "../operations/operation-pipeline";
import type { VendorRegistry } from "../vendors/vendor-registry";
import { REACH_ALL } from "../payments/payment-queries";
import { logger } from "../observability/logger";
import { createMetrics } from "../observability/metrics";
import { requestContext } from "../observability/request-context";
import { formatError } from "./format-error";

export interface ApiServerDependencies {
  dataSource: AppDataSource;
  vendors: VendorRegistry;
  operations: PaymentOperationPipeline;
}

export interface RunningApiServer {
  url: string;
  httpServer: Server;
  stop(): Promise<void>;
}

/** The HTTP application: POST /graphql, health checks and metrics. */
export async function startApiServer(deps: ApiServerDependencies, port: number): Promise<RunningApiServer> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = app.listen(port, "0.0.0.0");
  await new Promise<void>((resolve, reject) => {
    httpServer.once("listening", resolve);
    httpServer.once("error", reject);
  });
  const metrics = createMetrics();

  const apollo = new ApolloServer<GraphQLContext>({
    schema: buildApiSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async requestDidStart() {
          const stopTimer = metrics.graphqlDuration.startTimer();
          return {
            async willSendResponse({ operationName, errors }) {
              const operation = operationName ?? "anonymous";
              stopTimer({ operation });
              metrics.graphqlRequests.inc({ operation, outcome: errors?.length ? "error" : "ok" });
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const requestId = (req.header("x-request-id") ?? "").slice(0, 100) || randomUUID();
    res.setHeader("x-request-id", requestId);
    requestContext.run({ requestId }, next);
  });
  app.get("/health/live", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/health/ready", async (_req, res) => {
    try {
      await deps.dataSource.query("SELECT 1");
      res.json({ status: "ok" });
    } catch (error) {
      logger.warn({ err: error }, "readiness check failed: database unreachable");
      res.status(503).json({ status: "unavailable" });
    }
  });
  app.get("/metrics", async (_req, res) => {
    res.setHeader("content-type", metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  app.use(
    "/graphql",
    express.json({ limit: "100kb" }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GraphQLContext> => ({
        requestId: String(req.res?.getHeader("x-request-id") ?? randomUUID()),
        dataSource: deps.dataSource,
        loaders: createLoaders(deps.dataSource.manager),
        reach: REACH_ALL,
        actor: { name: "anonymous", resellerId: null, idempotencyScope: "", reach: REACH_ALL },
        vendors: deps.vendors,
        operations: deps.operations,
      }),
    }),
  );

  const address = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${address.port}/graphql`,
    httpServer,
    async stop() {
      await apollo.stop();
    },
  };
}
