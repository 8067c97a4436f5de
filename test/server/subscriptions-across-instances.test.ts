import { createAccessToken } from "../../src/access/access-tokens";
import type { AppDataSource } from "../../src/database/data-source";
import { buildServer, startApiProcess, type ApiProcess } from "../support/api-process";
import { CANCEL_MUTATION, PAYMENT_TYPE } from "../support/operations";
import { subscribe, type TestSubscription } from "../support/subscriptions";
import { postGraphQL } from "../support/test-api";
import { EMBEDDED, openTestDatabase, workerDatabaseUrl } from "../support/test-database";

// Two API processes on one PostgreSQL share nothing but it. The embedded database hands a
// notification only to the process that commits it, so there one process plays both parts.
const INSTANCES = EMBEDDED ? 1 : 2;

let dataSource: AppDataSource;
const instances: ApiProcess[] = [];
let subscription: TestSubscription | undefined;

beforeAll(async () => {
  buildServer();
  dataSource = await openTestDatabase();
  for (let i = 0; i < INSTANCES; i++) instances.push(await startApiProcess(workerDatabaseUrl(), { LOG_LEVEL: "error" }));
}, 120_000);
afterAll(async () => {
  await subscription?.dispose();
  for (const instance of instances) {
    instance.process.kill("SIGTERM");
    await instance.exited;
  }
  await dataSource?.destroy();
});

it("a subscriber on one instance hears a cancel made on another", async () => {
  const { token } = await createAccessToken(dataSource, { resellerCode: "platform", roles: ["admin"] });
  const [listening, acting] = [instances[0], instances[INSTANCES - 1]];
  subscription = subscribe(
    listening.url,
    token,
    `subscription { operationChanged(changes: [SUCCEEDED]) { change operation { operation status } payment { number lifeCycleState } } }`,
  );
  // A second for the subscription to be in place in the other process.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const cancelled = await postGraphQL(acting.url, CANCEL_MUTATION, { input: { payment: { number: "1017" }, type: PAYMENT_TYPE } }, { authorization: `Bearer ${token}` });
  expect(cancelled.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
  const [heard] = await subscription.results(1, 10_000);
  expect(heard.data.operationChanged).toEqual({
    change: "SUCCEEDED",
    operation: { operation: "CANCEL", status: "SUCCEEDED" },
    payment: { number: "1017", lifeCycleState: "CANCELLED" },
  });
});
