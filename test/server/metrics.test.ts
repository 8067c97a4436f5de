import { PaymentState } from "../../src/domain/enums";
import { OperationStatus } from "../../src/domain/payment-operation-record.entity";
import { MeasuredRecovery } from "../../src/server/instrumentation";
import { CANCEL_MUTATION, PAYMENT_TYPE, VOID_MUTATION, demoPayment } from "../support/operations";
import { insertPayment } from "../support/payments";
import { useTestApi } from "../support/test-api";

const api = useTestApi({ VENDOR_BREAKER_FAILURES: "2", VENDOR_BREAKER_RESET_MS: "600000", VENDOR_RETRIES: "0" });

async function scrape(): Promise<string> {
  const response = await fetch(api.metricsUrl);
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one sample, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[3] ?? "").split(",").filter(Boolean);
    if (wanted.every((w) => present.includes(w))) return Number(match[4]);
  }
  return undefined;
}

describe("metrics", () => {
  it("are served on their own port, not on the API's", async () => {
    const onApi = await fetch(api.url.replace("/graphql", "/metrics"));
    expect(onApi.status).toBe(404);
    expect(await scrape()).toMatch(/process_cpu_user_seconds_total/);
    expect(api.metricsUrl).not.toBe(api.url.replace("/graphql", "/metrics"));
  });

  it("label requests by the schema's root field, never by the client's operation name", async () => {
    await api.graphql(`query Warmup { payments(first: 1) { totalCount } }`);
    const before = (await scrape()).length;
    for (let i = 0; i < 300; i++) {
      await api.graphql(`query Made_Up_${i}_${"x".repeat(i % 40)} { payments(first: 1) { totalCount } }`);
      if (i % 3 === 0) await api.graphql(`query Other${i} { nope${i} }`);
    }
    const text = await scrape();
    expect(text).not.toMatch(/Made_Up/);
    expect(text).not.toMatch(/nope\d/);
    expect(sample(text, "graphql_requests_total", { operation: "payments", outcome: "ok" })).toBeGreaterThanOrEqual(301);
    expect(sample(text, "graphql_requests_total", { operation: "other", outcome: "error" })).toBeGreaterThanOrEqual(100);
    // Bounded: the same label sets, only counts changed (the size stays within a few kB).
    expect(text.length - before).toBeLessThan(6_000);
    const operations = new Set([...text.matchAll(/graphql_requests_total\{operation="([^"]+)"/g)].map((m) => m[1]));
    for (const operation of operations) expect(["payments", "other", "introspection"]).toContain(operation);
  });

  it("count and time vendor calls per vendor, operation and outcome", async () => {
    const payment = demoPayment("convergegate", PaymentState.AUTHORIZED);
    const res = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
    expect(res.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
    const text = await scrape();
    const labels = { vendor: "convergegate", operation: "VOID", outcome: "succeeded" };
    expect(sample(text, "vendor_calls_total", labels)).toBe(1);
    expect(sample(text, "vendor_call_duration_seconds_count", labels)).toBe(1);
    expect(sample(text, "vendor_call_duration_seconds_sum", labels)).toBeGreaterThan(0);
    expect(sample(text, "vendor_circuit_state", { vendor: "convergegate" })).toBe(0);
  });

  it("show a vendor's circuit opening", async () => {
    api.emulator("crmcom").setFaults({ failWith5xx: 500 });
    for (const index of [0, 1]) {
      const payment = demoPayment("crmcom", PaymentState.POSTED, undefined, index);
      const res = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE } });
      expect(res.data.cancelPayment.__typename).toBe("VendorUnavailableError");
    }
    api.emulator("crmcom").clearFaults();
    const text = await scrape();
    expect(sample(text, "vendor_calls_total", { vendor: "crmcom", operation: "CANCEL", outcome: "unknown" })).toBe(2);
    expect(sample(text, "vendor_circuit_state", { vendor: "crmcom" })).toBe(2);
    expect(sample(text, "vendor_circuit_state", { vendor: "planocore" })).toBe(0);
  });

  it("read the open operations by status at scrape time, and count finished ones as they commit", async () => {
    let text = await scrape();
    // From the tests above: one void succeeded, two cancels left IN_PROGRESS by the failing vendor.
    expect(sample(text, "payment_operations", { status: "IN_PROGRESS" })).toBe(2);
    expect(sample(text, "payment_operations", { status: "NEEDS_ATTENTION" })).toBe(0);
    expect(sample(text, "payment_operations", { status: "SUCCEEDED" })).toBeUndefined();
    expect(sample(text, "payment_operations_needing_attention")).toBe(0);
    expect(sample(text, "payment_operations_finished_total", { status: "SUCCEEDED" })).toBe(1);
    expect(sample(text, "payment_operations_finished_total", { status: "REFUSED" })).toBeUndefined();

    // The vendor refuses: counted REFUSED once its transaction committed.
    await insertPayment(api.dataSource, { number: "METRICS-UNKNOWN-AT-VENDOR", vendorCode: "convergegate", vendorPaymentId: "e".repeat(32) });
    const refused = await api.graphql(VOID_MUTATION, { input: { payment: { number: "METRICS-UNKNOWN-AT-VENDOR" } } });
    expect(refused.data.voidPayment.__typename).toBe("VendorRejectedError");
    text = await scrape();
    expect(sample(text, "payment_operations_finished_total", { status: "REFUSED" })).toBe(1);

    // A finish that rolls back is never counted.
    const [open] = await api.dataSource.query(`SELECT id FROM payment_operation WHERE status = 'IN_PROGRESS' ORDER BY created_at LIMIT 1`);
    await expect(
      api.db.transaction(async (stores) => {
        await stores.operations.finish(open.id, OperationStatus.SUCCEEDED, {}, 1);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const [still] = await api.dataSource.query(`SELECT status FROM payment_operation WHERE id = $1`, [open.id]);
    expect(still.status).toBe("IN_PROGRESS");
    text = await scrape();
    expect(sample(text, "payment_operations_finished_total", { status: "SUCCEEDED" })).toBe(1);
    expect(sample(text, "payment_operations", { status: "IN_PROGRESS" })).toBe(2);

    // An operation that needs attention is shown under its status and counted by the alertable gauge.
    await api.dataSource.query(`UPDATE payment_operation SET status = 'NEEDS_ATTENTION', result = NULL WHERE status = 'SUCCEEDED'`);
    text = await scrape();
    expect(sample(text, "payment_operations", { status: "NEEDS_ATTENTION" })).toBe(1);
    expect(sample(text, "payment_operations", { status: "IN_PROGRESS" })).toBe(2);
    expect(sample(text, "payment_operations_needing_attention")).toBe(1);
    // What an instance finished stays counted whatever the table says now.
    expect(sample(text, "payment_operations_finished_total", { status: "SUCCEEDED" })).toBe(1);
  });

  it("count recovery rounds and their results, and show pool usage", async () => {
    const recovery = new MeasuredRecovery(api.db, api.operations, { leaseMs: 60_000, intervalMs: 60_000, batchSize: 10 }, api.metrics);
    await api.dataSource.query(`UPDATE payment_operation SET lease_until = now() - interval '1 minute' WHERE status = 'IN_PROGRESS'`);
    const round = await recovery.recoverOnce();
    expect(round.taken).toBe(2);
    const text = await scrape();
    expect(sample(text, "recovery_rounds_total", { result: "ok" })).toBe(1);
    expect((sample(text, "recovery_operations_total", { result: "completed" }) ?? 0) + (sample(text, "recovery_operations_total", { result: "still_in_progress" }) ?? 0)).toBe(2);
    expect(sample(text, "database_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "database_pool_connections", { state: "waiting" })).toBe(0);
  });
});
