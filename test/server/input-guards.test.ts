import { snapshotDatabase } from "../support/test-database";
import { useTestApi } from "../support/test-api";
import { CANCEL_MUTATION, PAYMENT_TYPE, REJECT_MUTATION, VOID_MUTATION } from "../support/operations";

const api = useTestApi();

const NUL = "\u0000";

/** Refused as BAD_USER_INPUT (HTTP 400), with nothing changed in the database. */
async function refusedAsBadInput(query: string, variables?: Record<string, unknown>) {
  const before = await snapshotDatabase(api.dataSource);
  const res = await api.graphql(query, variables);
  expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  expect(res.data?.payment ?? null).toBeNull();
  expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  return res;
}

describe("NUL characters never reach PostgreSQL", () => {
  it.each([
    ["a payment number (variable)", `query($n: String!) { payment(identifier: { number: $n }) { id } }`, { n: `10${NUL}01` }],
    ["a payment number (literal)", `{ payment(identifier: { number: "10\\u000001" }) { id } }`, undefined],
    ["a back office code", `query($n: String!) { payment(identifier: { backOfficeCode: $n }) { id } }`, { n: `BO${NUL}` }],
    ["a currency code", `query($c: String!) { currency(code: $c) { code } }`, { c: `US${NUL}` }],
    ["a filter", `query($f: PaymentFilter) { payments(filter: $f) { totalCount } }`, { f: { resellerCode: `acme${NUL}` } }],
    ["a filter (currency)", `query($f: PaymentFilter) { payments(filter: $f) { totalCount } }`, { f: { currencyCode: `EU${NUL}` } }],
  ])("in %s: BAD_USER_INPUT", async (_what, query, variables) => {
    const res = await refusedAsBadInput(query, variables);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(/NUL/);
  });

  it.each([
    ["notes", CANCEL_MUTATION, { payment: { number: "1025" }, type: PAYMENT_TYPE, notes: `Entered${NUL}twice` }],
    ["a lookup name", CANCEL_MUTATION, { payment: { number: "1025" }, type: { name: `Payment${NUL}Cancellation` } }],
    ["a user defined field", CANCEL_MUTATION, { payment: { number: "1025" }, type: PAYMENT_TYPE, udfString3: `x${NUL}` }],
    ["an idempotency key", VOID_MUTATION, { payment: { number: "1001" }, idempotencyKey: `k${NUL}` }],
    ["a rejection reason", REJECT_MUTATION, { payment: { number: "1030" }, rejectionReason: { name: `R${NUL}` } }],
  ])("in %s of a mutation: BAD_USER_INPUT, nothing done", async (_what, query, input) => {
    await refusedAsBadInput(query, { input });
  });
});

describe("dates outside PostgreSQL's range", () => {
  it.each(["0000-01-01", "0000-12-31", "10000-01-01"])("rateAt(date: %s) is BAD_USER_INPUT", async (date) => {
    const res = await refusedAsBadInput(`query($d: Date!) { currency(code: "USD") { rateAt(date: $d) { rate } } }`, { d: date });
    expect(res.errors?.[0].message).toMatch(/Date/);
  });

  it("a year-0 literal is refused before the query runs", async () => {
    const res = await api.graphql(`{ currency(code: "USD") { rateAt(date: "0000-06-30") { rate } } }`);
    expect(res.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(res.errors?.[0].message).toMatch(/between the years 0001 and 9999/);
  });

  it("udfDate of year 0 in a cancel: refused, nothing done", async () => {
    await refusedAsBadInput(CANCEL_MUTATION, { input: { payment: { number: "1025" }, type: PAYMENT_TYPE, udfDate1: "0000-02-01" } });
  });

  it("a DateTime filter of year 0 is BAD_USER_INPUT", async () => {
    await refusedAsBadInput(`query($f: PaymentFilter) { payments(filter: $f) { totalCount } }`, { f: { issuedFrom: "0000-01-01T00:00:00Z" } });
  });

  it("the edges of the range are accepted", async () => {
    const res = await api.graphql(`{ currency(code: "USD") { a: rateAt(date: "0001-01-01") { rate } b: rateAt(date: "9999-12-31") { rate } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.currency).toEqual({ a: null, b: { rate: "0.95" } });
  });
});
