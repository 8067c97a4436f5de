import { Client } from "pg";
import { createAccessToken } from "../../src/access/access-tokens";
import type { AppDataSource } from "../../src/database/data-source";
import { LIFE_CYCLE, type PaymentOperation } from "../../src/domain/payment-operation";
import { DEMO_PAYMENTS } from "../../src/vendors/demo-payments";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import { INSTALLED_VENDORS } from "../../src/vendors/installed-vendors";
import { buildServer, emulatorSettings, startApiProcess, until, type ApiProcess } from "../support/api-process";
import { brokenInvariants, readPaymentRecord } from "../support/consistency";
import { judgeAnswer, scenarioOf, type FaultScenario } from "../support/fault-scenarios";
import { proxyDatabase, type TcpProxy } from "../support/tcp-proxy";
import { postGraphQL } from "../support/test-api";
import { EMBEDDED, openTestDatabase, workerDatabaseUrl } from "../support/test-database";

/**
 * Every connection of the API is terminated every 2 ms for 30 s (on PostgreSQL by
 * `pg_terminate_backend`; on the embedded database, which has one session, by the same FATAL
 * 57P01 sent on each connection) while readiness is polled and every demo payment an operation
 * applies to is voided, cancelled or rejected: the process never exits, every answer is typed or
 * 503, and afterwards every payment matches its vendor.
 */

const STORM_MS = 30_000;
const EVERY_MS = 2;

let proxy: TcpProxy;
let proxiedUrl: string;
let direct: AppDataSource;
let emulators: VendorEmulator[];
let token: string;
let api: ApiProcess | undefined;

beforeAll(async () => {
  buildServer();
  let proxied: string;
  ({ proxy, url: proxied } = await proxyDatabase(workerDatabaseUrl()));
  proxiedUrl = proxied;
  direct = await openTestDatabase();
  emulators = await Promise.all(INSTALLED_VENDORS.map((module) => module.startEmulator()));
  token = (await createAccessToken(direct, { resellerCode: "platform", roles: ["admin"] })).token;
}, 120_000);
afterAll(async () => {
  api?.process.kill("SIGKILL");
  await Promise.all(emulators.map((emulator) => emulator.stop()));
  await direct.destroy();
  await proxy.close();
});

/** Each demo payment with the operation its vendor offers from its state. */
function operationsToRun(): FaultScenario[] {
  return DEMO_PAYMENTS.flatMap((payment) => {
    const module = INSTALLED_VENDORS.find((candidate) => candidate.code === payment.vendorCode)!;
    const operation = (Object.keys(LIFE_CYCLE) as PaymentOperation[]).find((op) => module.capabilities.get(op)?.includes(payment.lifeCycleState));
    return operation ? [scenarioOf(operation, payment)] : [];
  });
}

/**
 * Ends the API's connections: by PostgreSQL itself where there is one to ask (from several
 * connections, so that a slow `pg_stat_activity` does not space the strikes out), else on the wire.
 */
async function terminator(): Promise<{ strike(): Promise<void>; ended(): number; close(): Promise<void> }> {
  let ended = 0;
  if (EMBEDDED) {
    return {
      strike: async () => {
        ended += proxy.terminateAll();
      },
      ended: () => ended,
      close: async () => {},
    };
  }
  const admins = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const admin = new Client({ connectionString: workerDatabaseUrl() });
      await admin.connect();
      return { admin, busy: false };
    }),
  );
  return {
    async strike() {
      const free = admins.find((candidate) => !candidate.busy);
      if (!free) return;
      free.busy = true;
      void free.admin
        .query(`SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE client_port = ANY($1::int[])`, [proxy.upstreamPorts()])
        .then((result) => (ended += Number(result.rows[0].n)))
        .catch(() => {})
        .finally(() => (free.busy = false));
    },
    ended: () => ended,
    close: async () => {
      await Promise.all(admins.map(({ admin }) => admin.end()));
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("connections terminated every 2 ms for 30 s", () => {
  it("never ends the process, answers typed or 503, and leaves every payment matching its vendor", async () => {
    api = await startApiProcess(proxiedUrl, {
      ...emulatorSettings(emulators),
      VENDOR_TIMEOUT_MS: "1000",
      VENDOR_RETRIES: "0",
      OPERATION_LEASE_MS: "1500",
      OPERATION_RETRY_BACKOFF_MS: "100",
      RECOVERY_INTERVAL_MS: "200",
      DATABASE_CONNECT_TIMEOUT_MS: "1000",
      LOG_LEVEL: "error",
    });
    let exitCode: number | null | undefined;
    const { exited, url, process: child } = api;
    void exited.then((code) => (exitCode = code));
    const stormEnds = Date.now() + STORM_MS;
    const during = () => Date.now() < stormEnds;
    const kill = await terminator();

    const storm = (async () => {
      while (during()) {
        await kill.strike();
        await sleep(EVERY_MS);
      }
    })();
    const readiness: number[] = [];
    const probes = (async () => {
      while (during()) {
        readiness.push(await fetch(url.replace("/graphql", "/health/ready")).then((res) => res.status, () => 0));
        await sleep(10);
      }
    })();
    const told: string[] = [];
    const scenarios = operationsToRun();
    const operations = Promise.all(
      scenarios.map(async (scenario) => {
        // Asked again with the same key while the database is away, as a client would.
        do {
          const answer = await postGraphQL(url, scenario.query, { input: scenario.input(`storm-${scenario.number}`) }, { authorization: `Bearer ${token}` });
          const verdict = judgeAnswer(answer, scenario.field, scenario.name);
          told.push(verdict);
          if (verdict !== "unavailable") break;
          await sleep(20);
        } while (during());
      }),
    );
    await Promise.all([storm, probes, operations]);
    await kill.close();

    expect(exitCode).toBeUndefined();
    // Strikes go out 2 ms apart, as fast as this machine lets them: hundreds of connections end.
    expect(kill.ended()).toBeGreaterThan(200);
    expect([...new Set(readiness)].sort()).toEqual(expect.arrayContaining([200, 503]));
    expect(readiness.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(told.length).toBeGreaterThanOrEqual(scenarios.length);

    // The API's own recovery finishes what the storm left in progress.
    const inProgress = await until(
      async () => Number((await direct.query(`SELECT count(*) AS n FROM payment_operation WHERE status = 'IN_PROGRESS'`))[0].n),
      (n) => n === 0,
      30_000,
    );
    expect(inProgress).toBe(0);
    const mismatches: string[] = [];
    for (const scenario of scenarios) {
      const record = await readPaymentRecord(direct, scenario.number);
      const emulator = emulators.find((candidate) => candidate.vendor === scenario.vendor)!;
      for (const broken of brokenInvariants(record, scenario.operation, scenario.startState)) mismatches.push(`${scenario.name}: ${broken}`);
      const theirs = emulator.paymentState(scenario.vendorPaymentId);
      if (record.state !== theirs) mismatches.push(`${scenario.name}: ours ${record.state}, the vendor's ${theirs} (${record.operations.map((op) => op.status).join(", ")})`);
      if (emulator.appliedCount(scenario.vendorPaymentId) > 1) mismatches.push(`${scenario.name}: the vendor acted ${emulator.appliedCount(scenario.vendorPaymentId)} times`);
    }
    expect(mismatches).toEqual([]);
    // An outage is met with warnings: nothing was unexpected.
    expect(api.output().split("\n").filter((line) => /"level":(50|60)/.test(line))).toEqual([]);

    // Still serving, and stops cleanly.
    const after = await postGraphQL(url, `{ payments(first: 1) { totalCount } }`, undefined, { authorization: `Bearer ${token}` });
    expect(after.data.payments.totalCount).toBe(DEMO_PAYMENTS.length);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 180_000);
});
