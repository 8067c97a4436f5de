import { createAccessToken } from "../../src/access/access-tokens";
import type { AppDataSource } from "../../src/database/data-source";
import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { buildServer, startApiProcess, type ApiProcess } from "../support/api-process";
import { CANCEL_MUTATION, demoPayment, PAYMENT_TYPE } from "../support/operations";
import { postGraphQL } from "../support/test-api";
import { openTestDatabase, workerDatabaseUrl } from "../support/test-database";

/**
 * Each instance starts its own built-in emulators (no vendor URL set), as `npm start` does: a
 * restart and a second instance on the same database still cancel at CRM.COM, whose emulator
 * numbers its cancellations so that no two starts ever hand out the same number.
 */

let db: AppDataSource;
let token: string;
const running: ApiProcess[] = [];

beforeAll(async () => {
  buildServer();
  db = await openTestDatabase();
  token = (await createAccessToken(db, { resellerCode: "platform", roles: ["admin"] })).token;
}, 120_000);
afterAll(async () => {
  for (const api of running) api.process.kill("SIGKILL");
  await db.destroy();
});

async function start(): Promise<ApiProcess> {
  const api = await startApiProcess(workerDatabaseUrl());
  running.push(api);
  return api;
}

async function stop(api: ApiProcess): Promise<void> {
  api.process.kill("SIGTERM");
  expect(await api.exited).toBe(0);
}

async function cancel(api: ApiProcess, number: string) {
  const res = await postGraphQL(api.url, CANCEL_MUTATION, { input: { payment: { number }, type: PAYMENT_TYPE } }, { authorization: `Bearer ${token}` });
  return res.data.cancelPayment;
}

describe("CRM.COM through the built-in emulator", () => {
  it("cancels after a restart and on a second instance, each cancellation with a number of its own", async () => {
    const [first, second, third] = [
      demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 0),
      demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 1),
      demoPayment("crmcom", PaymentState.POSTED, PaymentModel.POSTPAID, 0),
    ];
    const one = await start();
    const two = await start();
    const cancelled = [await cancel(one, first.number), await cancel(two, second.number)];
    await stop(one);
    const restarted = await start();
    cancelled.push(await cancel(restarted, third.number));
    await Promise.all([stop(two), stop(restarted)]);

    expect(cancelled.map((result) => [result.__typename, result.payment?.lifeCycleState])).toEqual([
      ["CancelPaymentSuccess", PaymentState.CANCELLED],
      ["CancelPaymentSuccess", PaymentState.CANCELLED],
      ["CancelPaymentSuccess", PaymentState.CANCELLED],
    ]);
    const numbers = cancelled.map((result) => result.cancellation.number);
    expect(numbers.every((number) => /^\d+$/.test(number))).toBe(true);
    expect(new Set(numbers).size).toBe(3);
    const stored = await db.query(`SELECT count(*)::int AS n FROM payment_cancellation WHERE vendor_code = 'crmcom' AND life_cycle_state = 'POSTED'`);
    expect(stored).toEqual([{ n: 3 }]);
  }, 120_000);
});
