import { createAccessToken, revokeAccessToken } from "../../src/access/access-tokens";
import { PaymentDatabase } from "../../src/stores/stores";
import { CANCEL_MUTATION, PAYMENT_TYPE, VOID_MUTATION } from "../support/operations";
import { eventually, subscribe, type TestSubscription } from "../support/subscriptions";
import { startTestApi, type TestApi } from "../support/test-api";

const PAYMENT_CHANGED = `subscription($filter: PaymentFilter) {
  paymentChanged(filter: $filter) { event { type fromState toState actor } payment { number lifeCycleState } }
}`;
const OPERATION_CHANGED = `subscription { operationChanged { change operation { operation status } payment { number lifeCycleState } } }`;

let api: TestApi;
const tokens: Record<string, string> = {};
const open: TestSubscription[] = [];

beforeAll(async () => {
  api = await startTestApi({ MAX_SUBSCRIPTIONS_PER_CONNECTION: "2", MAX_SUBSCRIPTION_CONNECTIONS_PER_TOKEN: "2", MAX_QUERY_COMPLEXITY: "400" });
  for (const code of ["acme", "globex"]) tokens[code] = (await createAccessToken(api.dataSource, { resellerCode: code, roles: ["operator"] })).token;
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((subscription) => subscription.dispose()));
  await eventually(() => api.server.subscriptions.connectionCount === 0);
});
afterAll(() => api.close());

/** Subscribes and waits until the API holds the subscription, so that no change committed after it is missed. */
async function subscribed(token: string | null, query: string, variables?: Record<string, unknown>): Promise<TestSubscription> {
  const before = api.server.subscriptions.subscriptionCount;
  const subscription = subscribe(api.url, token, query, variables);
  open.push(subscription);
  await eventually(() => api.server.subscriptions.subscriptionCount > before);
  return subscription;
}

/** A payment within a reseller's reach that may be voided now. */
async function voidable(resellerCode: "acme" | "globex"): Promise<string> {
  const found = await api.graphql(
    `query($filter: PaymentFilter) { payments(first: 50, filter: $filter) { edges { node { number availableOperations } } } }`,
    { filter: { states: ["PENDING", "AUTHORIZED"] } },
    { authorization: `Bearer ${tokens[resellerCode]}` },
  );
  const node = found.data.payments.edges.map((edge: any) => edge.node).find((payment: any) => payment.availableOperations.includes("VOID"));
  if (!node) throw new Error(`no voidable payment within ${resellerCode}'s reach`);
  return node.number;
}

async function voidPayment(number: string, token = api.token): Promise<void> {
  const res = await api.graphql(VOID_MUTATION, { input: { payment: { number } } }, { authorization: `Bearer ${token}` });
  expect(res.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
}

describe("subscriptions over graphql-ws on /graphql", () => {
  it("hears a cancel as it commits: the operation starting, then the state change", async () => {
    const payments = await subscribed(api.token, PAYMENT_CHANGED, { filter: { resellerCode: undefined } });
    const operations = await subscribed(tokens.acme, OPERATION_CHANGED);
    const res = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: "1017" }, type: PAYMENT_TYPE } });
    expect(res.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");

    const heard = await payments.results(2);
    expect(heard.slice(0, 2).map((r) => r.data.paymentChanged.event.type)).toEqual(["OPERATION_STARTED", "STATE_CHANGED"]);
    expect(heard[1].data.paymentChanged).toMatchObject({ event: { fromState: "WAITING_FOR_PAYMENT", toState: "CANCELLED" }, payment: { number: "1017", lifeCycleState: "CANCELLED" } });
    expect(heard[0].data.paymentChanged.event.actor).toMatch(/^pay_/);

    // 1017 belongs to acme's tree or not: acme's token hears it only if it reaches it.
    const [owner] = await api.dataSource.query(`SELECT r.code FROM payment p JOIN reseller r ON r.id = p.reseller_id WHERE p.number = '1017'`);
    if (["acme", "acme-europe", "acme-cyprus"].includes(owner.code)) {
      const ops = await operations.results(2);
      expect(ops.slice(0, 2).map((r) => r.data.operationChanged.change)).toEqual(["STARTED", "SUCCEEDED"]);
      expect(ops[1].data.operationChanged.operation).toEqual({ operation: "CANCEL", status: "SUCCEEDED" });
    }
  });

  it("hands a subscriber at one reseller none of another's changes", async () => {
    const acme = await subscribed(tokens.acme, PAYMENT_CHANGED);
    const globex = await subscribed(tokens.globex, PAYMENT_CHANGED);
    const globexPayment = await voidable("globex");
    const acmePayment = await voidable("acme");
    await voidPayment(globexPayment);
    await voidPayment(acmePayment);

    const heardByAcme = await acme.results(2);
    const heardByGlobex = await globex.results(2);
    // Changes arrive in the order they commit: globex's came first, so acme's first two are its own.
    expect(heardByAcme.slice(0, 2).map((r) => r.data.paymentChanged.payment.number)).toEqual([acmePayment, acmePayment]);
    expect(heardByGlobex.slice(0, 2).map((r) => r.data.paymentChanged.payment.number)).toEqual([globexPayment, globexPayment]);
    // The platform's admin token acted: above both resellers, so it is not named to them.
    expect(heardByAcme[0].data.paymentChanged.event.actor).toBe("an upstream reseller");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(acme.received.every((r) => r.data.paymentChanged.payment.number !== globexPayment)).toBe(true);
    expect(globex.received.every((r) => r.data.paymentChanged.payment.number !== acmePayment)).toBe(true);
  });

  it("keeps to the filter, and never announces a change that rolled back", async () => {
    const cancelled = await subscribed(api.token, PAYMENT_CHANGED, { filter: { states: ["CANCELLED"] } });
    const db = new PaymentDatabase(api.dataSource);
    const [payment] = await api.dataSource.query(`SELECT id FROM payment WHERE number = '1017'`);
    await expect(
      db.transaction(async (stores) => {
        await stores.events.append({ paymentId: payment.id, operationId: null, type: "ROLLED_BACK", actor: "test", actorResellerId: null, fromState: null, toState: null, vendorOutcome: null, detail: null });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const number = await voidable("acme");
    await voidPayment(number);
    const heard = await cancelled.results(1);
    // The void's OPERATION_STARTED is of a payment not yet CANCELLED: only its state change fits.
    expect(heard[0].data.paymentChanged).toMatchObject({ event: { type: "STATE_CHANGED", toState: "CANCELLED" }, payment: { number } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cancelled.received.map((r) => r.data.paymentChanged.event.type)).toEqual(["STATE_CHANGED"]);
  });

  it("keeps to a search: only the payment one of whose identifiers it names", async () => {
    const first = await voidable("acme");
    const [{ reference }] = await api.dataSource.query(`SELECT reference_number AS reference FROM payment WHERE number = $1`, [first]);
    const byReference = await subscribed(api.token, PAYMENT_CHANGED, { filter: { search: ` ${reference} ` } });
    await voidPayment(await voidable("globex"));
    await voidPayment(first);
    const heard = await byReference.results(2);
    expect(heard.map((r) => r.data.paymentChanged.payment.number)).toEqual([first, first]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(byReference.received.every((r) => r.data.paymentChanged.payment.number === first)).toBe(true);
  });

  it("closes a revoked token's connection with 4401", async () => {
    const { token, prefix } = await createAccessToken(api.dataSource, { resellerCode: "acme", roles: ["viewer"] });
    const subscription = await subscribed(token, PAYMENT_CHANGED);
    await revokeAccessToken(api.dataSource, prefix);
    // Heard as the revocation commits, on every instance: no change is needed to close it.
    expect(await subscription.closed).toEqual({ code: 4401, reason: expect.stringMatching(/^UNAUTHENTICATED: /) });
  });

  it("refuses a connection without a valid token with 4401", async () => {
    const none = subscribe(api.url, null, PAYMENT_CHANGED);
    open.push(none);
    expect(await none.closed).toEqual({ code: 4401, reason: expect.stringMatching(/^UNAUTHENTICATED: /) });
    const wrong = subscribe(api.url, "pay_00000000_" + "x".repeat(43), PAYMENT_CHANGED);
    open.push(wrong);
    expect((await wrong.closed).code).toBe(4401);
  });

  it("refuses subscriptions over MAX_SUBSCRIPTIONS_PER_CONNECTION, and connections over MAX_SUBSCRIPTION_CONNECTIONS_PER_TOKEN", async () => {
    const first = await subscribed(tokens.acme, PAYMENT_CHANGED);
    const errors: any[] = [];
    const done = new Promise<void>((resolve) => {
      first.client.subscribe({ query: OPERATION_CHANGED }, { next: () => {}, error: () => {}, complete: () => {} });
      first.client.subscribe({ query: OPERATION_CHANGED }, { next: () => {}, error: (error) => (errors.push(error), resolve()), complete: () => resolve() });
    });
    await done;
    expect(errors[0]).toEqual([expect.objectContaining({ extensions: { code: "TOO_MANY_SUBSCRIPTIONS", maxSubscriptions: 2 } })]);

    await subscribed(tokens.acme, PAYMENT_CHANGED);
    const third = subscribe(api.url, tokens.acme, PAYMENT_CHANGED);
    open.push(third);
    expect(await third.closed).toEqual({ code: 4430, reason: expect.stringMatching(/^TOO_MANY_CONNECTIONS: /) });
  });

  it("checks a subscription's document as a query's: cost, depth, and subscriptions only", async () => {
    const refusal = async (query: string) => {
      const subscription = subscribe(api.url, api.token, query);
      open.push(subscription);
      await eventually(() => subscription.errors.length > 0);
      return (subscription.errors[0] as any[])[0];
    };
    const costly = await refusal(`subscription { paymentChanged { payment { events(last: 100) { type actor fromState toState detail } } } }`);
    expect(costly.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", maxComplexity: 400 });
    expect(costly.extensions.http).toBeUndefined();
    const query = await refusal(`{ __typename }`);
    expect(query.extensions.code).toBe("BAD_REQUEST");
    const invalid = await refusal(`subscription { paymentChanged { nothing } }`);
    expect(invalid.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const overHttp = await api.graphql(`subscription { paymentChanged { event { type } } }`);
    expect(overHttp.status).toBe(400);
    expect(overHttp.errors![0].extensions!.code).toBe("BAD_REQUEST");
  });

  it("closes its connections with 1001 when the server stops", async () => {
    const other = await startTestApi({}, undefined, { reset: false, seed: false });
    const subscription = subscribe(other.url, other.token, PAYMENT_CHANGED);
    await eventually(() => other.server.subscriptions.subscriptionCount === 1);
    const stopped = other.close();
    expect((await subscription.closed).code).toBe(1001);
    await stopped;
  });
});
