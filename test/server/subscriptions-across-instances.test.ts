import { createAccessToken } from "../../src/access/access-tokens";
import type { AppDataSource } from "../../src/database/data-source";
import { buildServer, startApiProcess, type ApiProcess } from "../support/api-process";
import { CANCEL_MUTATION, PAYMENT_TYPE } from "../support/operations";
import { subscribe, type TestSubscription } from "../support/subscriptions";
import { postGraphQL, startTestApi, type TestApi } from "../support/test-api";
import { EMBEDDED, openTestDatabase, workerDatabaseUrl } from "../support/test-database";

// Two API processes on one PostgreSQL share nothing but it. The embedded database hands a
// notification only to the connection that commits it, and only an API that opened the embedded
// database itself listens that way: there one instance in this process plays both parts.
let dataSource: AppDataSource;
const instances: ApiProcess[] = [];
let inProcess: TestApi | undefined;
let urls: string[] = [];
let subscription: TestSubscription | undefined;

beforeAll(async () => {
  if (EMBEDDED) {
    inProcess = await startTestApi();
    dataSource = inProcess.dataSource;
    urls = [inProcess.url, inProcess.url];
    return;
  }
  buildServer();
  dataSource = await openTestDatabase();
  for (let i = 0; i < 2; i++) instances.push(await startApiProcess(workerDatabaseUrl(), { LOG_LEVEL: "error" }));
  urls = instances.map((instance) => instance.url);
}, 120_000);
afterAll(async () => {
  await subscription?.dispose();
  for (const instance of instances) {
    instance.process.kill("SIGTERM");
    await instance.exited;
  }
  if (inProcess) await inProcess.close();
  else await dataSource?.destroy();
});

it("a subscriber on one instance hears a cancel made on another", async () => {
  const { token } = await createAccessToken(dataSource, { resellerCode: "platform", roles: ["admin"] });
  const [listening, acting] = [{ url: urls[0] }, { url: urls[1] }];
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
