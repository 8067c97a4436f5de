import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics of one API instance, served on GET /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    graphqlRequests: new Counter({
      name: "graphql_requests_total",
      help: "GraphQL requests by operation name and outcome",
      labelNames: ["operation", "outcome"] as const,
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: "graphql_request_duration_seconds",
      help: "Time to answer a GraphQL request",
      labelNames: ["operation"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
