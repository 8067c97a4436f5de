import { createAccessToken } from "../../src/access/access-tokens";
import type { AppDataSource } from "../../src/database/data-source";
import { seedDemoData } from "../../src/stores/seed/seed-demo-data";
import { OperationRecovery } from "../../src/operations/operation-recovery";
import { PaymentOperationPipeline } from "../../src/operations/operation-pipeline";
import { buildVendorRegistry } from "../../src/vendors/build-vendor-registry";
import { DEMO_PAYMENTS } from "../../src/vendors/demo-payments";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import { INSTALLED_VENDORS } from "../../src/vendors/installed-vendors";
import { loadVendorConfig } from "../../src/vendors/vendor-config";
import { recordVendors } from "../../src/vendors/vendor-table";
import { PaymentDatabase } from "../../src/stores/stores";
import { buildServer, emulatorSettings, startApiProcess } from "../support/api-process";
import { brokenInvariants, readPaymentRecord } from "../support/consistency";
import { FAULT_SCENARIOS, judgeAnswer, type FaultScenario } from "../support/fault-scenarios";
import { proxyDatabase, type TcpProxy } from "../support/tcp-proxy";
import { postGraphQL } from "../support/test-api";
import { openTestDatabase, resetDatabase, workerDatabaseUrl } from "../support/test-database";

/**
 * The API process is SIGKILLed right after each statement of an operation in turn (the statement
 * ran; nothing after it did): whatever was committed is consistent, and recovery by another
 * instance makes our record match the vendor's, with the vendor acting at most once.
 */

let proxy: TcpProxy;
let proxiedUrl: string;
let direct: AppDataSource;
let emulators: VendorEmulator[];
let recovery: OperationRecovery;
let stopRegistry: () => Promise<void>;
const SETTINGS = { VENDOR_TIMEOUT_MS: "1000", VENDOR_RETRIES: "0", VENDOR_BREAKER_FAILURES: "1000" };

beforeAll(async () => {
  buildServer();
  let proxied: string;
  ({ proxy, url: proxied } = await proxyDatabase(workerDatabaseUrl()));
  proxiedUrl = proxied;
  direct = await openTestDatabase({ reset: false, seed: false });
  emulators = await Promise.all(INSTALLED_VENDORS.map((module) => module.startEmulator()));
  // The instance that recovers: the same vendors, straight to the database.
  const vendors = await buildVendorRegistry(loadVendorConfig({ ...emulatorSettings(emulators), ...SETTINGS }));
  stopRegistry = () => vendors.stop();
  recovery = new OperationRecovery(new PaymentDatabase(direct), new PaymentOperationPipeline(new PaymentDatabase(direct), vendors.registry), { leaseMs: 60_000, intervalMs: 60_000, batchSize: 10 });
}, 120_000);
afterAll(async () => {
  await stopRegistry();
  await Promise.all(emulators.map((emulator) => emulator.stop()));
  await direct.destroy();
  await proxy.close();
});

function emulatorOf(scenario: FaultScenario): VendorEmulator {
  return emulators.find((emulator) => emulator.vendor === scenario.vendor)!;
}

/** The demo data and every emulator as they started; a token for the next request. */
async function freshStart(): Promise<string> {
  proxy.arm(null);
  await resetDatabase(direct);
  await recordVendors(direct);
  await seedDemoData(direct, DEMO_PAYMENTS);
  for (const emulator of emulators) emulator.reset();
  return (await createAccessToken(direct, { resellerCode: "platform", roles: ["admin"] })).token;
}

async function recoverAll(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    await direct.query(`UPDATE payment_operation SET lease_until = now() - interval '1 second', next_attempt_at = NULL WHERE status = 'IN_PROGRESS'`);
    if ((await recovery.recoverOnce()).taken === 0) return;
  }
}

/** Runs the scenario's request on a fresh API process; `killAfter` statements in, the process is killed. Answers how many statements ran. */
const NO_ANSWER = "no answer";

async function runOnce(scenario: FaultScenario, killAfter: number | null): Promise<{ statements: number; answer: unknown }> {
  const token = await freshStart();
  // No background recovery, no kept tokens: every statement the process runs is the request's.
  const api = await startApiProcess(proxiedUrl, { ...emulatorSettings(emulators), ...SETTINGS, TOKEN_CACHE_MS: "0", RECOVERY_INTERVAL_MS: "3600000" });
  proxy.arm(killAfter === null ? null : { after: killAfter, action: "strike", strike: () => api.process.kill("SIGKILL") });
  // A request whose server died has no answer (fetch fails).
  const answer = await postGraphQL(api.url, scenario.query, { input: scenario.input(`kill-${killAfter}`) }, { authorization: `Bearer ${token}` }).catch(() => NO_ANSWER);
  const statements = proxy.statements;
  proxy.arm(null);
  if (!proxy.struck) api.process.kill("SIGKILL");
  await api.exited;
  return { statements, answer };
}

describe.each(FAULT_SCENARIOS.map((scenario) => [scenario.name, scenario] as const))("%s, the API killed after each statement", (_name, scenario) => {
  it("leaves a consistent record that recovery matches to the vendor, acting at most once", async () => {
    const clean = await runOnce(scenario, null);
    expect(judgeAnswer(clean.answer as never, scenario.field)).toBe("success");
    expect(clean.statements).toBeGreaterThan(5);
    for (let after = 1; after <= clean.statements; after++) {
      const { answer } = await runOnce(scenario, after);
      const context = `${scenario.name}, killed after statement ${after}`;
      expect({ context, answer }).toEqual({ context, answer: NO_ANSWER });

      const committed = await readPaymentRecord(direct, scenario.number);
      expect({ context, broken: brokenInvariants(committed, scenario.operation, scenario.startState) }).toEqual({ context, broken: [] });

      await recoverAll();
      const settled = await readPaymentRecord(direct, scenario.number);
      const emulator = emulatorOf(scenario);
      expect({
        context,
        broken: brokenInvariants(settled, scenario.operation, scenario.startState),
        inProgress: settled.operations.filter((op) => op.status === "IN_PROGRESS").length,
        ours: settled.state,
        acted: emulator.appliedCount(scenario.vendorPaymentId) <= 1,
      }).toEqual({ context, broken: [], inProgress: 0, ours: emulator.paymentState(scenario.vendorPaymentId), acted: true });
    }
  }, 900_000);
});
