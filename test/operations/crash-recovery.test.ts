import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createAccessToken } from "../../src/access/access-tokens";
import { PaymentState, VendorCode } from "../../src/domain/enums";
import { startConvergeGateEmulator } from "../../src/vendors/build-vendor-registry";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import { projectRoot } from "../../src/project-root";
import { readStartLine } from "../../src/server/start-line";
import { postGraphQL } from "../support/test-api";
import { EMBEDDED, openTestDatabase, workerDatabaseUrl } from "../support/test-database";
import { demoPayment, VOID_MUTATION } from "../support/operations";

let emulator: VendorEmulator;
let authorization: Record<string, string>;
const servers: ChildProcess[] = [];

beforeAll(async () => {
  execFileSync("npm", ["run", "-s", "build"], { cwd: projectRoot(), stdio: "ignore" });
  const db = await openTestDatabase();
  authorization = { authorization: `Bearer ${(await createAccessToken(db, { resellerCode: "platform", roles: ["operator"] })).token}` };
  await db.destroy();
  emulator = await startConvergeGateEmulator();
}, 120_000);
afterAll(async () => {
  for (const server of servers) server.kill("SIGKILL");
  await emulator.stop();
});

/** The API as its own process (built code, `npm start`'s entry point) on the worker's database. */
async function startServerProcess(): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(projectRoot(), "dist", "src", "main.js")], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      PORT: "0",
      DATABASE_URL: workerDatabaseUrl(),
      DATABASE_POOL_SIZE: "1",
      // The worker's database may be an embedded one, served to every connection in one session.
      DATABASE_PREPARED_STATEMENTS: String(!EMBEDDED),
      CONVERGEGATE_BASE_URL: emulator.baseUrl,
      CONVERGEGATE_API_KEY: emulator.secret,
      METRICS_PORT: "0",
      // The vendor holds its answer 5 s: one attempt of 6 s, and a lease longer than that (the API refuses a shorter one).
      VENDOR_TIMEOUT_MS: "6000",
      VENDOR_RETRIES: "0",
      OPERATION_LEASE_MS: "6500",
      RECOVERY_INTERVAL_MS: "300",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  servers.push(child);
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const started = readStartLine(output);
      if (started) {
        clearTimeout(timer);
        resolve(started.url);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { process: child, url };
}

async function until<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a server killed between the vendor call and the final commit", () => {
  it("is completed exactly once by the next server's recovery", async () => {
    const payment = demoPayment("convergegate", PaymentState.AUTHORIZED);
    const first = await startServerProcess();
    // The vendor voids the payment at once but holds its answer: the server is waiting on it.
    emulator.setFaults({ answerDelayMs: 5000 });
    const pending = postGraphQL(first.url, VOID_MUTATION, { input: { payment: { number: payment.number } } }, authorization).catch((error) => error);
    const vendorState = await until(() => emulator.paymentState(payment.vendorPaymentId), (s) => s === "CANCELLED", 10_000);
    expect(vendorState).toBe("CANCELLED");
    first.process.kill("SIGKILL");
    expect(String((await pending).message)).toMatch(/fetch failed/);
    emulator.clearFaults();

    const second = await startServerProcess();
    const lookup = () =>
      postGraphQL(second.url, `query($n: String!) { payment(identifier: { number: $n }) { lifeCycleState events { type } } }`, { n: payment.number }, authorization);
    const recovered = await until(lookup, (res) => res.data?.payment?.lifeCycleState === "CANCELLED", 20_000);
    expect(recovered.data.payment.lifeCycleState).toBe("CANCELLED");
    expect(recovered.data.payment.events.map((e: { type: string }) => e.type)).toEqual(["OPERATION_STARTED", "STATE_CHANGED"]);
    second.process.kill("SIGTERM");
    await new Promise((resolve) => second.process.once("exit", resolve));

    // One call that lost its answer with the first server, one repeat by recovery (already done).
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(2);
    const db = await openTestDatabase({ seed: false, reset: false });
    try {
      const operations = await db.query(
        `SELECT o.status, o.attempts FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = $1`,
        [payment.number],
      );
      expect(operations).toEqual([{ status: "SUCCEEDED", attempts: 1 }]);
    } finally {
      await db.destroy();
    }
  });
});
