import { snapshotDatabase } from "../support/test-database";
import { useTestApi } from "../support/test-api";

const api = useTestApi();

const EVENTS = `query($last: Int) { payment(identifier: { number: "1001" }) { events(last: $last) { type toState } } }`;

describe("Payment.events(last)", () => {
  beforeAll(async () => {
    const res = await api.graphql(`mutation { voidPayment(input: { payment: { number: "1001" } }) { __typename } }`);
    expect(res.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
  });

  it("answers the latest `last` events, oldest first; 20 by default", async () => {
    const all = (await api.graphql(EVENTS)).data.payment.events;
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.length).toBeLessThanOrEqual(20);
    const latest = (await api.graphql(EVENTS, { last: 1 })).data.payment.events;
    expect(latest).toEqual([all[all.length - 1]]);
    expect((await api.graphql(EVENTS, { last: 0 })).data.payment.events).toEqual([]);
  });

  it("refuses `last` above 100 or below 0 with BAD_USER_INPUT, changing nothing", async () => {
    for (const last of [101, -1]) {
      const before = await snapshotDatabase(api.dataSource);
      const res = await api.graphql(EVENTS, { last });
      expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "last", max: 100 });
      expect(res.errors?.[0].message).toBe("`last` must be between 0 and 100.");
      expect(await snapshotDatabase(api.dataSource)).toEqual(before);
    }
  });
});

describe("limits apply before a mutation runs", () => {
  it("refuses a mutation selecting too deep a result, and the payment is not voided", async () => {
    const before = await snapshotDatabase(api.dataSource);
    const res = await api.graphql(`mutation { voidPayment(input: { payment: { number: "1002" } }) {
      ... on VoidPaymentSuccess { payment { cancellation { payment { cancellation { payment { cancellation { payment { cancellation { payment { number } } } } } } } } } } } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toBe("The query is 11 levels deep; at most 10 are allowed. Ask for less nested fields.");
    expect(res.data).toBeUndefined();
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });

  it("refuses a mutation whose result costs too much, and the payment is not voided", async () => {
    const before = await snapshotDatabase(api.dataSource);
    const selection = `... on VoidPaymentSuccess { payment { events(last: 100) { type fromState toState occurredAt actor detail } } }`;
    const refused = await api.graphql(
      `mutation { ${Array.from({ length: 30 }, (_, i) => `v${i}: voidPayment(input: { payment: { number: "1002" } }) { ${selection} }`).join(" ")} }`,
    );
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", complexity: 30 * (1 + 1 + 1 + 1 + 1 + 100 * 7), maxComplexity: 20000 });
    expect(refused.data).toBeUndefined();
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });
});
