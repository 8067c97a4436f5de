import { PaymentState } from "../../src/domain/enums";
import { OperationRecovery } from "../../src/operations/operation-recovery";
import { PaymentOperationPipeline } from "../../src/operations/operation-pipeline";
import { VOID_MUTATION, demoPayment } from "../support/operations";
import { proxyDatabase, type TcpProxy } from "../support/tcp-proxy";
import { startTestApi, postGraphQL, type TestApi } from "../support/test-api";
import { openTestDatabase, workerDatabaseUrl } from "../support/test-database";
import type { AppDataSource } from "../../src/database/data-source";

const TIMEOUTS = { connectTimeoutMs: 800, statementTimeoutMs: 1_000, idleInTransactionTimeoutMs: 1_000, socketTimeoutMs: 1_500, keepAliveDelayMs: 1_000 };

let proxy: TcpProxy;
let api: TestApi;
/** A direct connection, around the proxy, to look at the database during the outage. */
let direct: AppDataSource;

beforeAll(async () => {
  let proxied: string;
  ({ proxy, url: proxied } = await proxyDatabase(workerDatabaseUrl()));
  api = await startTestApi({}, undefined, { url: proxied, timeouts: TIMEOUTS });
  direct = await openTestDatabase({ reset: false, seed: false });
});
afterAll(async () => {
  proxy.restore();
  await api.close();
  await direct.destroy();
  await proxy.close();
});

const QUERY = `{ payment(identifier: { number: "1001" }) { number } }`;

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await run();
  return { result, ms: Date.now() - started };
}

async function rawPost(query: string) {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${api.token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as any };
}

/** Asks until the API answers the query again (it must recover by itself). */
async function untilServed(): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await api.graphql(QUERY);
    if (res.status === 200 && res.data?.payment?.number === "1001") return Date.now() - started;
    if (Date.now() - started > 10_000) throw new Error(`not served again: ${JSON.stringify(res)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function expectUnavailable(res: { status: number; retryAfter: string | null; body: any }) {
  expect(res.status).toBe(503);
  expect(res.retryAfter).toBe("5");
  expect(res.body.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
  // The id to quote to the operators, whether the token check or a resolver met the outage.
  expect(res.body.errors[0].extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(JSON.stringify(res.body)).not.toMatch(/ECONN|Connection terminated|at \w/);
}

describe("a database outage", () => {
  it("answers 503 SERVICE_UNAVAILABLE with Retry-After while the link is cut, then recovers by itself", async () => {
    expect((await rawPost(QUERY)).status).toBe(200);
    proxy.cut();
    const { result, ms } = await timed(() => rawPost(QUERY));
    expectUnavailable(result);
    expect(ms).toBeLessThan(3_000);
    const ready = await fetch(api.url.replace("/graphql", "/health/ready"));
    expect(ready.status).toBe(503);
    proxy.restore();
    expect(await untilServed()).toBeLessThan(5_000);
    expect((await fetch(api.url.replace("/graphql", "/health/ready"))).status).toBe(200);
  });

  it("answers 503 within the socket timeout during a partition (pooled connections hang), then recovers", async () => {
    await untilServed();
    proxy.pause();
    const [query, ready] = await Promise.all([timed(() => rawPost(QUERY)), timed(() => fetch(api.url.replace("/graphql", "/health/ready")))]);
    expectUnavailable(query.result);
    expect(query.ms).toBeLessThan(5_000);
    expect(ready.result.status).toBe(503);
    expect(ready.ms).toBeLessThan(5_000);
    proxy.restore();
    expect(await untilServed()).toBeLessThan(5_000);
  });

  it("loses and doubles no operation cut between the vendor call and its record", async () => {
    await untilServed();
    const payment = demoPayment("convergegate", PaymentState.AUTHORIZED, undefined, 1);
    const emulator = api.emulator("convergegate");
    emulator.setFaults({ answerDelayMs: 600 });
    const pending = postGraphQL(api.url, VOID_MUTATION, { input: { payment: { number: payment.number }, idempotencyKey: "outage-1" } }, { authorization: `Bearer ${api.token}` });
    // Phase 1 is written; the vendor is working on it: the database goes away.
    for (let i = 0; i < 50 && emulator.callCount(payment.vendorPaymentId) === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
    proxy.cut();
    const answer = await pending;
    expect(answer.status).toBe(503);
    expect(answer.errors?.[0].extensions?.code).toBe("SERVICE_UNAVAILABLE");
    emulator.clearFaults();

    // The vendor did it; our record says in progress, never half-written.
    const [record] = await direct.query(`SELECT o.status, p.life_cycle_state FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = $1`, [payment.number]);
    expect(record).toEqual({ status: "IN_PROGRESS", life_cycle_state: PaymentState.AUTHORIZED });
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.CANCELLED);

    proxy.restore();
    await untilServed();
    // Recovery (any instance) finishes it once the lease has run out.
    await direct.query(`UPDATE payment_operation SET lease_until = now() - interval '1 second' WHERE status = 'IN_PROGRESS'`);
    const recovery = new OperationRecovery(api.db, new PaymentOperationPipeline(api.db, api.vendors), { leaseMs: 60_000, intervalMs: 60_000, batchSize: 10 });
    expect(await recovery.recoverOnce()).toEqual({ taken: 1, completed: 1 });

    const rows = await direct.query(`SELECT o.status FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = $1`, [payment.number]);
    expect(rows).toEqual([{ status: "SUCCEEDED" }]);
    const retried = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number }, idempotencyKey: "outage-1" } });
    expect(retried.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
    expect(retried.data.voidPayment.payment.lifeCycleState).toBe(PaymentState.CANCELLED);
    const changes = retried.data.voidPayment.payment.events.filter((e: { type: string }) => e.type === "STATE_CHANGED");
    expect(changes).toHaveLength(1);
    // The vendor was asked once more by recovery (answered "already done"), never by the retry.
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(2);
  });
});
