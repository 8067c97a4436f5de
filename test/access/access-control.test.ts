import { createAccessToken, revokeAccessToken, LAST_USE_PRECISION_MS, SESSION_IDLE_MS, SESSION_MAX_AGE_MS, TokenKind } from "../../src/access/access-tokens";
import type { Clock } from "../../src/access/clock";
import type { Role } from "../../src/access/roles";
import { DEMO_PAYMENTS } from "../../src/vendors/demo-payments";
import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { snapshotDatabase } from "../support/test-database";
import { useTestApi } from "../support/test-api";
import { CANCEL_MUTATION, demoPayment, PAYMENT_TYPE, VOID_MUTATION } from "../support/operations";

/** A clock the test moves; it starts at the real time so that tokens created now are fresh. */
class TestClock implements Clock {
  current = new Date();
  now(): Date {
    return new Date(this.current);
  }
}

const clock = new TestClock();
const api = useTestApi({}, clock);

async function tokenFor(resellerCode: string, roles: Role[], options: { kind?: TokenKind; rememberMe?: boolean; expiresAt?: Date } = {}) {
  return (await createAccessToken(api.dataSource, { resellerCode, roles, ...options })).token;
}
const as = (token: string) => ({ authorization: `Bearer ${token}` });
const PAYMENT_QUERY = `query($n: String!) { payment(identifier: { number: $n }) { number } }`;

describe("authentication", () => {
  it.each([
    ["no header", {}],
    ["a header without Bearer", { authorization: "Token abc" }],
    ["a malformed token", { authorization: "Bearer nope" }],
    ["an unknown token of the right shape", { authorization: `Bearer pay_00000000_${"A".repeat(43)}` }],
  ])("refuses %s with UNAUTHENTICATED (HTTP 401)", async (_case, headers) => {
    const res = await api.graphql(`{ currencies { code } }`, undefined, headers);
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a token with the right prefix and a wrong secret", async () => {
    const token = await tokenFor("platform", ["viewer"]);
    const forged = `${token.slice(0, 13)}${token[13] === "A" ? "B" : "A"}${token.slice(14)}`;
    const res = await api.graphql(`{ currencies { code } }`, undefined, as(forged));
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a revoked token at once", async () => {
    const token = await tokenFor("platform", ["viewer"]);
    expect((await api.graphql(`{ currencies { code } }`, undefined, as(token))).errors).toBeUndefined();
    expect(await revokeAccessToken(api.dataSource, token.slice(0, 12))).toBe(true);
    const res = await api.graphql(`{ currencies { code } }`, undefined, as(token));
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(await revokeAccessToken(api.dataSource, token.slice(0, 12))).toBe(false);
  });

  it("stores only a hash of the token, with its visible prefix", async () => {
    const token = await tokenFor("platform", ["viewer"]);
    const [row] = await api.dataSource.query(`SELECT prefix, secret_hash FROM access_token WHERE prefix = $1`, [token.slice(0, 12)]);
    expect(row.prefix).toBe(token.slice(0, 12));
    const dump = JSON.stringify(await api.dataSource.query(`SELECT * FROM access_token`));
    expect(dump).not.toContain(token.slice(13));
  });
});

describe("sessions expire 7 days after creation or 72 hours after last use, unless remember-me", () => {
  async function createdAt(token: string): Promise<number> {
    const [row] = await api.dataSource.query(`SELECT created_at FROM access_token WHERE prefix = $1`, [token.slice(0, 12)]);
    return new Date(row.created_at).getTime();
  }
  async function codeAt(token: string, at: number): Promise<string | undefined> {
    clock.current = new Date(at);
    const res = await api.graphql(`{ currencies { code } }`, undefined, as(token));
    return res.errors?.[0].extensions?.code;
  }
  afterEach(() => {
    clock.current = new Date();
  });

  it("72 hours idle: good one millisecond before, expired exactly at", async () => {
    const a = await tokenFor("platform", ["viewer"], { kind: TokenKind.SESSION });
    const b = await tokenFor("platform", ["viewer"], { kind: TokenKind.SESSION });
    expect(await codeAt(a, (await createdAt(a)) + SESSION_IDLE_MS - 1)).toBeUndefined();
    expect(await codeAt(b, (await createdAt(b)) + SESSION_IDLE_MS)).toBe("SESSION_EXPIRED");
  });

  it("each use restarts the 72 hours, but never past 7 days from creation", async () => {
    const token = await tokenFor("platform", ["viewer"], { kind: TokenKind.SESSION });
    const start = await createdAt(token);
    for (let day = 1; day < 7; day++) expect(await codeAt(token, start + day * 24 * 3600 * 1000)).toBeUndefined();
    expect(await codeAt(token, start + SESSION_MAX_AGE_MS - 1)).toBeUndefined();
    expect(await codeAt(token, start + SESSION_MAX_AGE_MS)).toBe("SESSION_EXPIRED");
  });

  it("writes a token's last use at most once a minute, so reads do not each commit", async () => {
    const token = await tokenFor("platform", ["viewer"], { kind: TokenKind.SESSION });
    const start = await createdAt(token);
    const lastUse = async () =>
      new Date((await api.dataSource.query(`SELECT last_used_at FROM access_token WHERE prefix = $1`, [token.slice(0, 12)]))[0].last_used_at).getTime();
    expect(await codeAt(token, start + 1000)).toBeUndefined();
    expect(await lastUse()).toBe(start + 1000);
    expect(await codeAt(token, start + 1000 + LAST_USE_PRECISION_MS - 1)).toBeUndefined();
    expect(await lastUse()).toBe(start + 1000);
    expect(await codeAt(token, start + 1000 + LAST_USE_PRECISION_MS)).toBeUndefined();
    expect(await lastUse()).toBe(start + 1000 + LAST_USE_PRECISION_MS);
  });

  it("a remember-me session and an API key do not expire by age or idleness", async () => {
    const session = await tokenFor("platform", ["viewer"], { kind: TokenKind.SESSION, rememberMe: true });
    const key = await tokenFor("platform", ["viewer"]);
    expect(await codeAt(session, (await createdAt(session)) + 30 * SESSION_MAX_AGE_MS)).toBeUndefined();
    expect(await codeAt(key, (await createdAt(key)) + 365 * 24 * 3600 * 1000)).toBeUndefined();
  });

  it("an API key with an expiry is refused from that instant", async () => {
    const expiresAt = new Date(Date.now() + 3600 * 1000);
    const key = await tokenFor("platform", ["viewer"], { expiresAt });
    expect(await codeAt(key, expiresAt.getTime() - 1)).toBeUndefined();
    expect(await codeAt(key, expiresAt.getTime())).toBe("UNAUTHENTICATED");
  });
});

describe("reach: a token sees its reseller and every reseller below it", () => {
  const ofReseller = (code: string) => DEMO_PAYMENTS.filter((p) => p.resellerCode === code);

  it("a second tree's top reaches only its own tree, and the first top no longer reaches it", async () => {
    await api.dataSource.query(`INSERT INTO reseller (code, name) VALUES ('initech', 'Initech')`);
    try {
      const other = await tokenFor("initech", ["admin"]);
      const theirs = await api.graphql(`{ payments(first: 100) { totalCount } payment(identifier: { number: "1001" }) { number } }`, undefined, as(other));
      expect(theirs.data).toEqual({ payments: { totalCount: 0 }, payment: null });
      const cancel = await api.graphql(VOID_MUTATION, { input: { payment: { number: "1001" } } }, as(other));
      expect(cancel.data.voidPayment.__typename).toBe("PaymentNotFoundError");
      const ours = await api.graphql(`{ payments(first: 100) { totalCount } }`, undefined, as(await tokenFor("platform", ["viewer"])));
      expect(ours.data.payments.totalCount).toBe(DEMO_PAYMENTS.length);
    } finally {
      await api.dataSource.query(`DELETE FROM access_token WHERE reseller_id = (SELECT id FROM reseller WHERE code = 'initech')`);
      await api.dataSource.query(`DELETE FROM reseller WHERE code = 'initech'`);
    }
  });

  it("lists only payments within reach, at any depth", async () => {
    const token = await tokenFor("acme", ["viewer"]);
    const res = await api.graphql(`{ payments(first: 100) { totalCount edges { node { number reseller { code } } } } }`, undefined, as(token));
    const codes = new Set(res.data.payments.edges.map((e: any) => e.node.reseller.code));
    expect(codes).toEqual(new Set(["acme", "acme-europe", "acme-cyprus"]));
    expect(res.data.payments.totalCount).toBe(["acme", "acme-europe", "acme-cyprus"].flatMap(ofReseller).length);
  });

  it.each([
    ["a sibling (globex from acme)", "acme", "globex"],
    ["a parent (acme-europe from acme-cyprus)", "acme-cyprus", "acme-europe"],
    ["a grandparent (acme from acme-cyprus)", "acme-cyprus", "acme"],
  ])("answers not found for %s, in queries and mutations alike", async (_case, tokenReseller, paymentReseller) => {
    const token = await tokenFor(tokenReseller, ["operator"]);
    const payment = ofReseller(paymentReseller)[0];
    const read = await api.graphql(PAYMENT_QUERY, { n: payment.number }, as(token));
    expect(read.errors).toBeUndefined();
    expect(read.data.payment).toBeNull();
    const before = await snapshotDatabase(api.dataSource);
    const write = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } }, as(token));
    expect(write.data.voidPayment).toMatchObject({ __typename: "PaymentNotFoundError", message: "No payment matches the identifier." });
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });

  it("hides a cancellation of a payment outside reach", async () => {
    const outside = ofReseller("globex").find((p) => p.lifeCycleState === PaymentState.CANCELLED)!;
    const [row] = await api.dataSource.query(
      `INSERT INTO payment_cancellation (payment_id, number, reference_number, issued_on, posted_on, amount, financial_transaction_type_id)
       SELECT p.id, 'PC-REACH', 'PCR-REACH', now(), now(), p.amount, (SELECT id FROM financial_transaction_type LIMIT 1)
         FROM payment p WHERE p.number = $1 RETURNING id`,
      [outside.number],
    );
    const query = `query($id: ID!) { paymentCancellation(id: $id) { number } }`;
    expect((await api.graphql(query, { id: row.id }, as(await tokenFor("acme", ["viewer"])))).data.paymentCancellation).toBeNull();
    expect((await api.graphql(query, { id: row.id }, as(await tokenFor("globex", ["viewer"])))).data.paymentCancellation).toEqual({ number: "PC-REACH" });
  });
});

describe("roles", () => {
  it("a viewer reads but every operation answers NotAuthorizedError, changing nothing", async () => {
    const token = await tokenFor("platform", ["viewer"]);
    const payment = demoPayment("convergegate", PaymentState.AUTHORIZED);
    expect((await api.graphql(PAYMENT_QUERY, { n: payment.number }, as(token))).data.payment).toEqual({ number: payment.number });
    const before = await snapshotDatabase(api.dataSource);
    const res = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } }, as(token));
    expect(res.data.voidPayment).toMatchObject({ __typename: "NotAuthorizedError", code: "NOT_AUTHORIZED", retryable: false });
    const cancel = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: "1026" }, type: PAYMENT_TYPE } }, as(token));
    expect(cancel.data.cancelPayment.__typename).toBe("NotAuthorizedError");
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
    expect(api.emulator("convergegate").callCount(payment.vendorPaymentId)).toBe(0);
  });

  it("an operator operates; events record the token's prefix and reseller; keys are kept per token", async () => {
    const operator = await tokenFor("acme", ["operator"]);
    const other = await tokenFor("acme", ["operator"]);
    const payment = DEMO_PAYMENTS.find((p) => p.vendorCode === "crmcom" && p.lifeCycleState === PaymentState.POSTED && p.paymentModel === PaymentModel.PREPAID && ["acme", "acme-europe", "acme-cyprus"].includes(p.resellerCode))!;
    const input = { payment: { number: payment.number }, type: PAYMENT_TYPE, idempotencyKey: "shared-key" };
    const first = await api.graphql(CANCEL_MUTATION, { input }, as(operator));
    expect(first.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
    // The same key from another token is another request: here, one for a payment already cancelled.
    const second = await api.graphql(CANCEL_MUTATION, { input }, as(other));
    expect(second.data.cancelPayment.__typename).toBe("PaymentStateError");
    const [acme] = await api.dataSource.query(`SELECT id FROM reseller WHERE code = 'acme'`);
    const events = await api.dataSource.query(
      `SELECT DISTINCT e.actor, e.actor_reseller_id FROM payment_event e JOIN payment p ON p.id = e.payment_id WHERE p.number = $1`,
      [payment.number],
    );
    expect(events).toEqual([{ actor: operator.slice(0, 12), actor_reseller_id: acme.id }]);
  });
});
