import type { ChildProcess } from "node:child_process";
import { createAccessToken } from "../../src/access/access-tokens";
import { PaymentState } from "../../src/domain/enums";
import { startConvergeGateEmulator } from "../../src/vendors/build-vendor-registry";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import { postGraphQL } from "../support/test-api";
import { buildServer, startApiProcess, until, type ApiProcess } from "../support/api-process";
import { openTestDatabase, workerDatabaseUrl } from "../support/test-database";
import { demoPayment, VOID_MUTATION } from "../support/operations";

let emulator: VendorEmulator;
let authorization: Record<string, string>;
const servers: ChildProcess[] = [];

beforeAll(async () => {
  buildServer();
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
async function startServerProcess(): Promise<ApiProcess> {
  const api = await startApiProcess(workerDatabaseUrl(), {
    DATABASE_POOL_SIZE: "1",
    CONVERGEGATE_BASE_URL: emulator.baseUrl,
    CONVERGEGATE_API_KEY: emulator.secret,
    // The vendor holds its answer 5 s: one attempt of 6 s, and a lease longer than that (the API refuses a shorter one).
    VENDOR_TIMEOUT_MS: "6000",
    VENDOR_RETRIES: "0",
    OPERATION_LEASE_MS: "6500",
    RECOVERY_INTERVAL_MS: "300",
  });
  servers.push(api.process);
  return api;
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
