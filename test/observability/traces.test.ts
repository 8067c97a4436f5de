import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAccessToken } from "../../src/access/access-tokens";
import type { AppDataSource } from "../../src/database/data-source";
import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { tracingWanted } from "../../src/observability/tracing-settings";
import { projectRoot } from "../../src/project-root";
import { buildServer, startApiProcess } from "../support/api-process";
import { CANCEL_MUTATION, demoPayment, PAYMENT_TYPE } from "../support/operations";
import { postGraphQL } from "../support/test-api";
import { openTestDatabase, workerDatabaseUrl } from "../support/test-database";

/**
 * The span tree of one cancel, as the built API makes it with the standard SDK and
 * instrumentations: an in-memory exporter, given by a preload in place of OTLP, writes the
 * finished spans to a file when the process exits.
 */
interface FinishedSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
  status: { code: number };
}

const SERVER = 1;
const CLIENT = 2;
const NOTES = "NOTE-trace-private-5e1d";

let folder: string;
let db: AppDataSource;
beforeAll(async () => {
  buildServer();
  folder = mkdtempSync(join(tmpdir(), "traces-"));
  db = await openTestDatabase();
}, 180_000);
afterAll(async () => {
  await db.destroy();
  rmSync(folder, { recursive: true, force: true });
});

/** The preload: the SDK started by the API's own tracing module, with an in-memory exporter. */
function writePreload(): string {
  const preload = join(folder, "in-memory-traces.js");
  writeFileSync(
    preload,
    `const { writeFileSync } = require("node:fs");
const { tracing } = require(${JSON.stringify(join(projectRoot(), "node_modules", "@opentelemetry", "sdk-node"))});
const exporter = new tracing.InMemorySpanExporter();
require(${JSON.stringify(join(projectRoot(), "dist", "src", "observability", "tracing.js"))}).startTracing(process.env, [new tracing.SimpleSpanProcessor(exporter)]);
process.on("exit", () => {
  const spans = exporter.getFinishedSpans().map((span) => ({
    name: span.name,
    kind: span.kind,
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext ? span.parentSpanContext.spanId : span.parentSpanId,
    attributes: span.attributes,
    status: span.status,
  }));
  writeFileSync(process.env.TRACE_FILE, JSON.stringify(spans));
});
`,
  );
  return preload;
}

describe("traces", () => {
  it("are off unless the standard OTEL_* settings ask for them", () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_SERVICE_NAME: "payments" })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" })).toBe(true);
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: "otlp" })).toBe(true);
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: "none", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(false);
    expect(tracingWanted({ OTEL_SDK_DISABLED: "true", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(false);
  });

  it("follow one cancel from the request through GraphQL and SQL to the vendor call and the vendor's server", async () => {
    const { token } = await createAccessToken(db, { resellerCode: "platform", roles: ["admin"] });
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID);
    const traceFile = join(folder, "spans.json");
    const api = await startApiProcess(workerDatabaseUrl(), { NODE_OPTIONS: `--require ${writePreload()}`, TRACE_FILE: traceFile });
    try {
      const answer = await postGraphQL(api.url, CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE, notes: NOTES } }, { authorization: `Bearer ${token}` });
      expect(answer.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
    } finally {
      api.process.kill("SIGTERM");
      expect(await api.exited).toBe(0);
    }
    const spans: FinishedSpan[] = JSON.parse(readFileSync(traceFile, "utf8"));
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const ancestors = (span: FinishedSpan): FinishedSpan[] => {
      const chain: FinishedSpan[] = [];
      for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId)) chain.push(parent);
      return chain;
    };

    // The vendor call: one span with the vendor, the operation and the outcome.
    const vendorSpans = spans.filter((span) => span.name === "vendor CANCEL");
    expect(vendorSpans).toHaveLength(1);
    const [vendor] = vendorSpans;
    expect(vendor.attributes).toEqual({ "vendor.code": "crmcom", "vendor.operation": "CANCEL", "vendor.outcome": "succeeded" });

    // Its root is the API's server span of POST /graphql, and GraphQL's execution is between them.
    const chain = ancestors(vendor);
    const root = chain.at(-1)!;
    expect(root.kind).toBe(SERVER);
    expect(root.parentSpanId).toBeUndefined();
    expect(root.attributes["http.method"] ?? root.attributes["http.request.method"]).toBe("POST");
    expect(String(root.attributes["http.target"] ?? root.attributes["url.path"])).toBe("/graphql");
    expect(chain.some((span) => /^mutation|graphql\.execute/.test(span.name))).toBe(true);
    const trace = spans.filter((span) => span.traceId === root.traceId);
    const names = trace.map((span) => span.name);
    expect(names).toEqual(expect.arrayContaining(["graphql.parse", "graphql.validate"]));

    // SQL: the statements of both transactions are in the request's tree, before and after the vendor call.
    const statements = trace.filter((span) => span.attributes["db.system"] === "postgresql" || span.attributes["db.system.name"] === "postgresql");
    expect(statements.length).toBeGreaterThan(3);
    for (const statement of statements) expect(ancestors(statement).at(-1)).toBe(root);
    const texts = statements.map((span) => String((span.attributes["db.statement"] ?? span.attributes["db.query.text"] ?? "") as string));
    expect(texts.some((text) => /payment_operation/.test(text))).toBe(true);

    // The vendor call's HTTP request is its child, and the vendor's server (the emulator) continues the same trace.
    const client = trace.find((span) => span.kind === CLIENT && span.parentSpanId === vendor.spanId);
    expect(client).toBeDefined();
    const vendorServer = trace.find((span) => span.kind === SERVER && span.parentSpanId === client!.spanId);
    expect(vendorServer).toBeDefined();

    // No secret, no variable, no health probe.
    const everything = JSON.stringify(spans);
    expect(everything).not.toContain(token.slice(13));
    expect(everything).not.toContain(NOTES);
    expect(everything).not.toMatch(/authorization/i);
    expect(spans.some((span) => String((span.attributes["http.target"] ?? "") as string).startsWith("/health/"))).toBe(false);
  });

  it("are sent by OTLP to the collector the standard settings name, with the service name", async () => {
    const received: Array<{ path: string; body: string }> = [];
    const collector = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ path: req.url ?? "", body });
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
    try {
      const api = await startApiProcess(workerDatabaseUrl(), {
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      });
      await postGraphQL(api.url, "{ __typename }", undefined, {});
      api.process.kill("SIGTERM");
      expect(await api.exited).toBe(0);
    } finally {
      await new Promise((resolve) => collector.close(resolve));
    }
    const traces = received.filter((request) => request.path === "/v1/traces");
    expect(traces.length).toBeGreaterThan(0);
    expect(traces.map((request) => request.body).join("")).toContain('"payment-operations-api"');
  });
});
