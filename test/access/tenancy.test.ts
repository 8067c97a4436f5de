import { createAccessToken } from "../../src/access/access-tokens";
import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { CANCEL_MUTATION, demoPayment, PAYMENT_TYPE, VOID_MUTATION } from "../support/operations";
import { snapshotDatabase } from "../support/test-database";
import { startTestApi, type TestApi } from "../support/test-api";

let api: TestApi;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  api = await startTestApi();
  for (const code of ["acme", "acme-europe", "acme-cyprus", "globex"]) {
    tokens[code] = (await createAccessToken(api.dataSource, { resellerCode: code, roles: ["admin"] })).token;
  }
});
afterAll(() => api.close());

const as = (reseller: string) => ({ authorization: `Bearer ${tokens[reseller]}` });

async function resellerId(code: string): Promise<string> {
  const [row] = await api.dataSource.query(`SELECT id FROM reseller WHERE code = $1`, [code]);
  return row.id;
}

describe("events and resellers show nothing above the caller's reach", () => {
  it("an action of the parent platform is 'an upstream reseller' to a child's token, without ids", async () => {
    const voided = await api.graphql(VOID_MUTATION, { input: { payment: { number: "1001" } } });
    expect(voided.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
    const query = `{ payment(identifier: { number: "1001" }) { events { type actor actorResellerId } } }`;

    const own = await api.graphql(query);
    const platformPrefix = own.data.payment.events[0].actor;
    expect(platformPrefix).toMatch(/^pay_/);
    expect(own.data.payment.events[0].actorResellerId).toBe(await resellerId("platform"));

    for (const child of ["acme", "acme-europe"]) {
      const seen = await api.graphql(query, undefined, as(child));
      expect(seen.data.payment.events.length).toBeGreaterThan(0);
      for (const event of seen.data.payment.events) expect(event).toMatchObject({ actor: "an upstream reseller", actorResellerId: null });
      expect(JSON.stringify(seen)).not.toContain(platformPrefix);
      expect(JSON.stringify(seen)).not.toContain(await resellerId("platform"));
    }
  });

  it("an action of the caller's own reseller keeps its actor", async () => {
    const voided = await api.graphql(VOID_MUTATION, { input: { payment: { number: "1002" } } }, as("acme-europe"));
    expect(voided.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
    const seen = await api.graphql(`{ payment(identifier: { number: "1002" }) { events { actor actorResellerId } } }`, undefined, as("acme-europe"));
    expect(seen.data.payment.events[0].actor).toMatch(/^pay_/);
    expect(seen.data.payment.events[0].actorResellerId).toBe(await resellerId("acme-europe"));
  });

  it("an operation requested above the caller's reach names no token", async () => {
    const payment = demoPayment("planocore", PaymentState.PENDING, PaymentModel.PREPAID, 0);
    api.emulator("planocore").setFaults({ dropConnection: true });
    try {
      const res = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
      expect(res.data.voidPayment.__typename).toBe("VendorUnavailableError");
    } finally {
      api.emulator("planocore").clearFaults();
    }
    const query = `query($n: String!) { payment(identifier: { number: $n }) { pendingOperation { actor status } } }`;
    const own = await api.graphql(query, { n: payment.number });
    expect(own.data.payment.pendingOperation).toMatchObject({ status: "IN_PROGRESS", actor: expect.stringMatching(/^pay_/) });
    const seen = await api.graphql(query, { n: payment.number }, as(payment.resellerCode));
    expect(seen.data.payment.pendingOperation).toEqual({ status: "IN_PROGRESS", actor: "an upstream reseller" });
    expect(JSON.stringify(seen)).not.toContain(own.data.payment.pendingOperation.actor);
  });

  it("a reseller's parent id is shown only within reach", async () => {
    const query = `query($n: String!) { payment(identifier: { number: $n }) { reseller { code parentId } } }`;
    const top = await api.graphql(query, { n: "1001" }, as("acme-europe"));
    expect(top.data.payment.reseller).toEqual({ code: "acme-europe", parentId: null });
    const below = await api.graphql(query, { n: "1002" }, as("acme-europe"));
    expect(below.data.payment.reseller).toEqual({ code: "acme-cyprus", parentId: await resellerId("acme-europe") });
    const fromPlatform = await api.graphql(query, { n: "1001" });
    expect(fromPlatform.data.payment.reseller.parentId).toBe(await resellerId("acme"));
  });
});

describe("back office codes are unique per owning reseller", () => {
  it("two resellers may use the same code; one reseller may not use it twice", async () => {
    // ActivePlatform cancels (1018 of acme-cyprus, 1017 of acme-europe): the vendor keeps no codes of its own.
    const first = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: "1018" }, type: PAYMENT_TYPE, backOfficeCode: "BO-SHARED" } }, as("acme-cyprus"));
    expect(first.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
    // Another reseller's payment: the code is free there (and nothing tells it the code is used elsewhere).
    const second = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: "1017" }, type: PAYMENT_TYPE, backOfficeCode: "BO-SHARED" } }, as("acme-europe"));
    expect(second.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
    expect(second.data.cancelPayment.cancellation.backOfficeCode).toBe("BO-SHARED");
    // The same reseller (acme-europe owns 1025 too): refused, nothing changed.
    const before = await snapshotDatabase(api.dataSource);
    const third = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: "1025" }, type: PAYMENT_TYPE, backOfficeCode: "BO-SHARED" } }, as("acme-europe"));
    expect(third.data.cancelPayment).toMatchObject({ __typename: "DuplicateBackOfficeCodeError", backOfficeCode: "BO-SHARED" });
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });

  it("the database holds it for payments too, and a lookup that reaches two is refused, not guessed", async () => {
    // 1003 (globex) has BO-1003; 1006 belongs to acme-cyprus.
    await api.dataSource.query(`UPDATE payment SET back_office_code = 'BO-1003' WHERE number = '1006'`);
    await expect(api.dataSource.query(`UPDATE payment SET back_office_code = 'BO-1003' WHERE number = '1002'`)).rejects.toThrow(/payment_back_office_code_key/);
    const query = `{ payment(identifier: { backOfficeCode: "BO-1003" }) { number } }`;
    expect((await api.graphql(query, undefined, as("globex"))).data.payment).toEqual({ number: "1003" });
    expect((await api.graphql(query, undefined, as("acme-cyprus"))).data.payment).toEqual({ number: "1006" });
    const ambiguous = await api.graphql(query);
    expect(ambiguous.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(ambiguous.errors?.[0].message).toMatch(/Several payments/);
  });
});
