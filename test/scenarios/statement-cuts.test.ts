import { OperationRecovery } from "../../src/operations/operation-recovery";
import type { AppDataSource } from "../../src/database/data-source";
import { INSTALLED_VENDORS } from "../../src/vendors/installed-vendors";
import { brokenInvariants, keepPayment, readPaymentRecord } from "../support/consistency";
import { FAULT_SCENARIOS, judgeAnswer, type FaultScenario } from "../support/fault-scenarios";
import { proxyDatabase, type StatementFault, type TcpProxy } from "../support/tcp-proxy";
import { postGraphQL, startTestApi, type TestApi } from "../support/test-api";
import { createAccessToken } from "../../src/access/access-tokens";
import { openTestDatabase, workerDatabaseUrl } from "../support/test-database";

/**
 * The connection under an operation is ended right after each of its statements in turn, for
 * every operation, in every phase (authentication, phase 1, the vendor call's bookkeeping, phase 3
 * and the answer's reads): the client is told a typed answer or 503, never a success that did not
 * commit; the database stays consistent; recovery then makes our record match the vendor's, and
 * the vendor acted at most once.
 */

let proxy: TcpProxy;
let api: TestApi;
/** Around the proxy: what the database really holds. */
let direct: AppDataSource;
let recovery: OperationRecovery;

beforeAll(async () => {
  let proxied: string;
  ({ proxy, url: proxied } = await proxyDatabase(workerDatabaseUrl()));
  api = await startTestApi({ VENDOR_TIMEOUT_MS: "1000", VENDOR_RETRIES: "0", VENDOR_BREAKER_FAILURES: "1000" }, undefined, { url: proxied });
  direct = await openTestDatabase({ reset: false, seed: false });
  recovery = new OperationRecovery(api.db, api.operations, { leaseMs: 60_000, intervalMs: 60_000, batchSize: 10 });
}, 60_000);
afterAll(async () => {
  await api.close();
  await direct.destroy();
  await proxy.close();
});

let token = "";
let restorePayment: () => Promise<void>;

/** The scenario's payment, here and at its vendor, as it started. */
async function freshStart(): Promise<void> {
  proxy.arm(null);
  await restorePayment();
  for (const module of INSTALLED_VENDORS) api.emulator(module.code).reset();
}

function send(scenario: FaultScenario, key: string) {
  return postGraphQL(api.url, scenario.query, { input: scenario.input(key) }, { authorization: `Bearer ${token}` });
}

/** Runs recovery until nothing is left in progress (leases and backoffs are ended at once). */
async function recoverAll(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    await direct.query(`UPDATE payment_operation SET lease_until = now() - interval '1 second', next_attempt_at = NULL WHERE status = 'IN_PROGRESS'`);
    const { taken } = await recovery.recoverOnce();
    if (taken === 0) return;
  }
}

/** Statements the operation runs without a fault: every one of them is broken in turn. */
async function statementsOf(scenario: FaultScenario): Promise<number> {
  await freshStart();
  proxy.arm(null);
  const answer = await send(scenario, "count");
  expect(judgeAnswer(answer, scenario.field)).toBe("success");
  return proxy.statements;
}

async function breakAfter(scenario: FaultScenario, fault: StatementFault): Promise<void> {
  await freshStart();
  const key = `fault-${fault.after}`;
  proxy.arm(fault);
  const answer = await send(scenario, key);
  proxy.arm(null);
  const where = `${scenario.name}, ${fault.action} after statement ${fault.after}`;
  const told = judgeAnswer(answer, scenario.field, where);
  const context = `${where}, told ${told}`;

  // What was committed agrees with itself, and with what the client was told.
  const committed = await readPaymentRecord(direct, scenario.number);
  expect({ context, broken: brokenInvariants(committed, scenario.operation, scenario.startState) }).toEqual({ context, broken: [] });
  if (told === "success") expect({ context, status: committed.operations.map((op) => op.status) }).toEqual({ context, status: ["SUCCEEDED"] });
  if (told === "error") expect({ context, succeeded: committed.operations.some((op) => op.status === "SUCCEEDED") }).toEqual({ context, succeeded: false });

  // Recovery settles it; our record and the vendor's agree; the vendor acted at most once.
  await recoverAll();
  const settled = await readPaymentRecord(direct, scenario.number);
  const emulator = api.emulator(scenario.vendor);
  expect({
    context,
    broken: brokenInvariants(settled, scenario.operation, scenario.startState),
    inProgress: settled.operations.filter((op) => op.status === "IN_PROGRESS").length,
    ours: settled.state,
  }).toEqual({ context, broken: [], inProgress: 0, ours: emulator.paymentState(scenario.vendorPaymentId) });
  expect({ context, acted: emulator.appliedCount(scenario.vendorPaymentId) <= 1 }).toEqual({ context, acted: true });

  // The same request again: what was recorded, without reaching the vendor again; or, where
  // nothing was recorded, the operation itself.
  const calls = emulator.callCount(scenario.vendorPaymentId);
  const again = judgeAnswer(await send(scenario, key), scenario.field, `${context}, asked again`);
  if (settled.operations.length === 0) {
    expect({ context, again }).toEqual({ context, again: "success" });
  } else {
    const succeeded = settled.operations.some((op) => op.status === "SUCCEEDED");
    expect({ context, again, calls: emulator.callCount(scenario.vendorPaymentId) }).toEqual({ context, again: succeeded ? "success" : "error", calls });
  }
}

describe.each(FAULT_SCENARIOS.map((scenario) => [scenario.name, scenario] as const))("%s, its connection ended after each statement", (_name, scenario) => {
  beforeAll(async () => {
    token = (await createAccessToken(direct, { resellerCode: "platform", roles: ["admin"] })).token;
    restorePayment = await keepPayment(direct, scenario.number);
  });

  it("answers typed or 503, commits all or nothing, and recovery matches the vendor", async () => {
    const statements = await statementsOf(scenario);
    expect(statements).toBeGreaterThan(5);
    for (let after = 1; after <= statements; after++) {
      await breakAfter(scenario, { after, action: "terminate" });
      await breakAfter(scenario, { after, action: "withhold" });
    }
  }, 600_000);
});
