import type { IncomingMessage } from "node:http";
import { NodeSDK, type tracing as sdkTracing } from "@opentelemetry/sdk-node";
import { GraphQLInstrumentation } from "@opentelemetry/instrumentation-graphql";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";

export { tracingWanted } from "./tracing-settings";

/** The service name traces carry unless OTEL_SERVICE_NAME names another. */
export const SERVICE_NAME = "payment-operations-api";

/** GraphQL GET requests carry the document and its variables in the query string: never in a span. */
const REDACTED_QUERY_PARAMETERS = ["query", "variables", "extensions", "operationName"];

/**
 * The instrumentations: incoming and outgoing HTTP (health probes left out, query strings
 * redacted, no header recorded), fetch (the vendor adapters' calls), GraphQL (parse, validate,
 * execute and the resolvers that do work; literal values in the document masked, variables never
 * recorded) and pg (each statement's text with its placeholders, never its parameters; only
 * within a traced request or operation, so that recovery's polling makes no traces of its own).
 */
export function apiInstrumentations() {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => (request.url ?? "").startsWith("/health/"),
      redactedQueryParams: REDACTED_QUERY_PARAMETERS,
      applyCustomAttributesOnSpan: (span, request) => {
        const url = (request as IncomingMessage).url;
        if (typeof url === "string" && url.includes("?")) span.setAttribute("http.target", url.split("?")[0]);
      },
    }),
    new UndiciInstrumentation(),
    new GraphQLInstrumentation({ allowValues: false, mergeItems: true, ignoreTrivialResolveSpans: true }),
    new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
  ];
}

export interface Tracing {
  /** Sends the spans still buffered and stops the SDK. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry's Node SDK with the instrumentations above. It must run before the
 * modules it instruments are loaded (http, pg, graphql): main.ts imports it first. The exporter,
 * its endpoint, headers, protocol and the sampler come from the standard OTEL_* settings; tests
 * give span processors of their own (an in-memory exporter).
 */
export function startTracing(env: NodeJS.ProcessEnv, spanProcessors?: sdkTracing.SpanProcessor[]): Tracing {
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME?.trim() ? undefined : SERVICE_NAME,
    instrumentations: apiInstrumentations(),
    ...(spanProcessors ? { spanProcessors } : {}),
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
