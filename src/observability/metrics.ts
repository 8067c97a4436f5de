import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Label value for an operation name that is not one of the schema's root fields. */
export const OTHER_OPERATION = "other";

/**
 * Prometheus metrics of one API instance, served on METRICS_PORT. Every label has a bounded set
 * of values: operation labels are root fields of the schema (or "other"), vendors and statuses
 * come from enums and the database's own status column.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    graphqlRequests: new Counter({
      name: "graphql_requests_total",
      help: "GraphQL requests by root field (or \"other\") and outcome",
      labelNames: ["operation", "outcome"] as const,
      registers,
    }),
    graphqlDuration: new Histogram({
      name: "graphql_request_duration_seconds",
      help: "Time to answer a GraphQL request, by root field (or \"other\")",
      labelNames: ["operation"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    vendorCallDuration: new Histogram({
      name: "vendor_call_duration_seconds",
      help: "Time to forward one operation to a vendor (retries included), by vendor, operation and outcome",
      labelNames: ["vendor", "operation", "outcome"] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    vendorCalls: new Counter({
      name: "vendor_calls_total",
      help: "Operations forwarded to a vendor, by vendor, operation and outcome (succeeded, refused, unknown)",
      labelNames: ["vendor", "operation", "outcome"] as const,
      registers,
    }),
    recoveryRounds: new Counter({
      name: "recovery_rounds_total",
      help: "Recovery rounds of this instance, by result (ok or failed)",
      labelNames: ["result"] as const,
      registers,
    }),
    recoveredOperations: new Counter({
      name: "recovery_operations_total",
      help: "Operations taken by recovery rounds of this instance, by result (completed or still_in_progress)",
      labelNames: ["result"] as const,
      registers,
    }),
    finishedOperations: new Counter({
      name: "payment_operations_finished_total",
      help: "Payment operations this instance finished, by final status (SUCCEEDED or REFUSED), counted once their transaction committed",
      labelNames: ["status"] as const,
      registers,
    }),
    databaseUnavailable: new Counter({
      name: "database_unavailable_responses_total",
      help: "Requests answered SERVICE_UNAVAILABLE because PostgreSQL could not be reached",
      registers,
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/** A gauge whose values are read when Prometheus scrapes (from the database, the pool, the breakers). */
export function scrapeTimeGauge<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
  read: (gauge: Gauge<L>) => Promise<void> | void,
): Gauge<L> {
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      await read(this);
    },
  });
}
