import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAccessToken } from "../../src/access/access-tokens";
import { DEMO_PAYMENTS } from "../../src/vendors/demo-payments";
import { PaymentState, type VendorCode } from "../../src/domain/enums";
import { projectRoot } from "../../src/project-root";
import { readStartLine } from "../../src/server/start-line";
import { startConvergeGateEmulator, startCrmComEmulator, type VendorEmulator } from "../../src/vendors/build-vendor-registry";
import { CANCEL_MUTATION, PAYMENT_TYPE, REJECT_MUTATION, VOID_MUTATION } from "../support/operations";
import { postGraphQL } from "../support/test-api";
import { EMBEDDED, openTestDatabase, workerDatabaseUrl } from "../support/test-database";
import { crmComCancelled } from "../support/vendor-answers";

jest.setTimeout(240_000);

const NOTES_SECRET = "NOTE-private-7c1f0e";
const UDF_SECRET = "UDF-private-93ab21";
const CODE_SECRET = "BO-private-5d2e44";

interface RunningInstance {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

let convergegate: VendorEmulator;
let crmcom: VendorEmulator;
let dataDir: string;
let token: string | undefined;
const logs: string[] = [];
/** Instances this file started: any still running at the end (a failed test) is killed. */
const children: ChildProcess[] = [];

function instanceEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    PORT: "0",
    METRICS_PORT: "0",
    LOG_LEVEL: "debug",
    MAX_QUERY_COMPLEXITY: "100000",
    OPERATION_LEASE_MS: "3000",
    RECOVERY_INTERVAL_MS: "200",
    VENDOR_TIMEOUT_MS: "2000",
    VENDOR_RETRIES: "0",
    CONVERGEGATE_BASE_URL: convergegate.baseUrl,
    CONVERGEGATE_API_KEY: convergegate.secret,
    CRMCOM_BASE_URL: crmcom.baseUrl,
    CRMCOM_TOKEN: crmcom.secret,
  };
  if (EMBEDDED) {
    delete env.DATABASE_URL;
    env.DATA_DIR = dataDir;
  } else {
    env.DATABASE_URL = workerDatabaseUrl();
  }
  return env;
}

/** `npm start`, as a newcomer or a container runs it; ready when it prints its URL. */
async function startInstance(): Promise<RunningInstance> {
  // A process group of its own: a failed test kills npm and the API under it, so that no API is left running on the worker's database.
  const child = spawn("npm", ["start"], { cwd: projectRoot(), env: instanceEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
  children.push(child);
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => {
      logs.push(output);
      resolve({ code, signal, at: Date.now() });
    }),
  );
  const started = Date.now();
  for (;;) {
    const ready = readStartLine(output);
    if (ready) {
      token ??= ready.demoToken ?? undefined;
      return { child, url: ready.url, output: () => output, exited };
    }
    if (child.exitCode !== null || child.signalCode !== null || Date.now() - started > 180_000) {
      throw new Error(`npm start did not become ready (exit ${child.exitCode}, signal ${child.signalCode}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function ask(instance: RunningInstance, query: string, variables?: Record<string, unknown>) {
  return postGraphQL(instance.url, query, variables, { authorization: `Bearer ${token}` });
}

interface PaymentRow {
  number: string;
  vendorCode: VendorCode;
  vendorPaymentId: string;
  lifeCycleState: PaymentState;
  availableOperations: string[];
  events: Array<{ type: string }>;
}

async function payments(instance: RunningInstance): Promise<PaymentRow[]> {
  const res = await ask(instance, `{ payments(first: 100) { edges { node { number vendorCode vendorPaymentId lifeCycleState availableOperations events { type } } } } }`);
  expect(res.errors).toBeUndefined();
  return res.data.payments.edges.map((edge: { node: PaymentRow }) => edge.node);
}

/** The mutation that does the payment's first available operation (notes and a user field hold "secrets"). */
function operationOf(payment: PaymentRow, backOfficeCode: string): [string, Record<string, unknown>] {
  const identifier = { number: payment.number };
  switch (payment.availableOperations[0]) {
    case "VOID":
      return [VOID_MUTATION, { input: { payment: identifier } }];
    case "CANCEL":
      return [CANCEL_MUTATION, { input: { payment: identifier, type: PAYMENT_TYPE, notes: NOTES_SECRET, udfString1: UDF_SECRET, backOfficeCode } }];
    default:
      return [REJECT_MUTATION, { input: { payment: identifier } }];
  }
}

function vendorRequestCount(): number {
  return convergegate.requests().length + crmcom.requests().length;
}

/**
 * A cancel (with notes, a user field and a back office code holding "secrets") whose vendor
 * answers a gateway reference longer than our column, the secret code within it: the UPDATE that
 * records it fails in PostgreSQL with the reference among its parameters, and the operation needs
 * attention. The log must carry none of the secrets.
 */
async function failOneStatement(instance: RunningInstance) {
  const payment = DEMO_PAYMENTS.find((p) => p.number === "1026")!;
  crmcom.setFaults({
    answerWith: crmComCancelled({ id: payment.vendorPaymentId, processed_by_payment_gateway: "Gateway", payment_gateway_reference_number: `${CODE_SECRET}-${"R".repeat(150)}` }, { id: "C0FFEE", number: "77", reference_number: "PC-77", posted_on: "2026-01-01T00:00:00", payment_amount: 1250.5 }),
  });
  try {
    const input = { input: { payment: { number: "1026" }, type: PAYMENT_TYPE, notes: NOTES_SECRET, udfString1: UDF_SECRET, backOfficeCode: CODE_SECRET } };
    const res = await ask(instance, CANCEL_MUTATION, input);
    expect(res.data.cancelPayment.__typename).toBe("OperationNeedsAttentionError");
  } finally {
    crmcom.clearFaults();
  }
}

/** Mutations on the given payments plus a stream of queries, while the signal arrives; answers what each mutation got. */
async function stopUnderLoad(instance: RunningInstance, targets: PaymentRow[], signal: NodeJS.Signals) {
  let querying = true;
  let queriesAnswered = 0;
  const queries = Array.from({ length: 4 }, async () => {
    while (querying) {
      try {
        const res = await ask(instance, `{ payments(first: 20) { totalCount edges { node { number currency { code } } } } }`);
        if (res.data?.payments) queriesAnswered += 1;
      } catch {
        return; // the listener is closed: new requests are refused
      }
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const before = vendorRequestCount();
  // Two cancels share a back office code: one of them is refused by a unique index (an SQL error with parameters).
  const mutations = targets.map((payment) =>
    ask(instance, ...operationOf(payment, "BO-shared"))
      .then((res) => ({ payment, res, lost: false }))
      .catch(() => ({ payment, res: null, lost: true })),
  );
  // Signal while vendor calls are in flight (the test's vendors answer after 800 ms).
  for (let i = 0; i < 100 && vendorRequestCount() === before; i++) await new Promise((r) => setTimeout(r, 10));
  const signalledAt = Date.now();
  instance.child.kill(signal);
  const exit = await instance.exited;
  querying = false;
  await Promise.all(queries);
  return { exit, ms: exit.at - signalledAt, answers: await Promise.all(mutations), queriesAnswered };
}

/** Every operation started before the stop was finished, by the request or by recovery after the restart: none lost, none doubled. */
async function expectNothingLost(instance: RunningInstance, targets: PaymentRow[]) {
  const final = [PaymentState.CANCELLED, PaymentState.REJECTED];
  let rows: PaymentRow[] = [];
  for (let i = 0; i < 100; i++) {
    rows = (await payments(instance)).filter((p) => targets.some((t) => t.number === p.number));
    const unfinished = rows.filter((p) => p.events.some((e) => e.type === "OPERATION_STARTED") && !final.includes(p.lifeCycleState) && !p.events.some((e) => e.type === "OPERATION_REFUSED"));
    if (unfinished.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  for (const payment of rows) {
    const started = payment.events.filter((e) => e.type === "OPERATION_STARTED").length;
    const changed = payment.events.filter((e) => e.type === "STATE_CHANGED").length;
    expect(changed).toBeLessThanOrEqual(1);
    if (started > 0 && changed === 0) expect(payment.events.some((e) => e.type === "OPERATION_REFUSED")).toBe(true);
    if (changed === 1) expect(final).toContain(payment.lifeCycleState);
    const vendor = payment.vendorCode === "convergegate" ? convergegate : payment.vendorCode === "crmcom" ? crmcom : null;
    if (vendor) {
      // What the vendor did, we recorded.
      expect(vendor.paymentState(payment.vendorPaymentId)).toBe(payment.lifeCycleState);
    }
  }
}

beforeAll(async () => {
  convergegate = await startConvergeGateEmulator();
  crmcom = await startCrmComEmulator();
  for (const emulator of [convergegate, crmcom]) emulator.setFaults({ answerDelayMs: 800 });
  dataDir = mkdtempSync(join(tmpdir(), "payments-shutdown-"));
  if (!EMBEDDED) {
    const dataSource = await openTestDatabase();
    token = (await createAccessToken(dataSource, { resellerCode: "platform", roles: ["admin"] })).token;
    await dataSource.destroy();
  }
});
afterAll(async () => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // the group has ended
    }
  }
  await convergegate?.stop();
  await crmcom?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start stops cleanly on a signal, under load", () => {
  let first: RunningInstance;
  let targets: PaymentRow[];

  it.each(["SIGTERM", "SIGINT"] as const)("%s: exits 0 within 10 s, finishing requests in flight; nothing lost", async (signal) => {
    first = await startInstance();
    if (signal === "SIGTERM") await failOneStatement(first);
    const all = (await payments(first)).filter((p) => p.availableOperations.length > 0);
    // Half the payments in the first run, the other half in the second.
    const half = Math.ceil(all.length / 2);
    targets = signal === "SIGTERM" ? all.slice(0, half) : all;
    expect(targets.length).toBeGreaterThan(3);

    const { exit, ms, answers, queriesAnswered } = await stopUnderLoad(first, targets, signal);
    expect(exit).toEqual(expect.objectContaining({ code: 0, signal: null }));
    expect(ms).toBeLessThan(10_000);
    expect(queriesAnswered).toBeGreaterThan(0);
    // Requests that had reached the API were answered, not cut off.
    const answered = answers.filter((a) => !a.lost);
    expect(answered.length).toBeGreaterThan(0);
    for (const { res } of answered) expect(res!.status).toBe(200);
    expect(first.output()).toMatch(/"msg":"stopped"/);

    const again = await startInstance();
    await expectNothingLost(again, targets);
    again.child.kill("SIGTERM");
    expect((await again.exited).code).toBe(0);
  });

  it("logs of those runs carry no secret, token or SQL parameter", () => {
    const log = logs.join("\n");
    expect(log).toMatch(/"msg":"SQL statement failed"/);
    expect(log).toMatch(/"msg":"shutting down"/);
    expect(log).not.toContain(CODE_SECRET);
    expect(log).not.toContain(NOTES_SECRET);
    expect(log).not.toContain(UDF_SECRET);
    expect(log).not.toContain(convergegate.secret);
    expect(log).not.toContain(crmcom.secret);
    // The demo token is printed once for the operator, never logged.
    const jsonLines = log.split("\n").filter((line) => line.startsWith("{"));
    expect(jsonLines.length).toBeGreaterThan(10);
    if (token) for (const line of jsonLines) expect(line).not.toContain(token);
  });
});
