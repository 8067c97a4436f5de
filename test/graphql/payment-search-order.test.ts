import { DEMO_PAYMENTS } from "../../src/vendors/demo-payments";
import { useTestApi } from "../support/test-api";

const api = useTestApi();

const payment1026 = { ...DEMO_PAYMENTS.find((payment) => payment.number === "1026")!, backOfficeCode: "BO-SEARCH-1026" };

// The demo's 1026 has no back office code: give it one, as an integration would.
beforeAll(async () => {
  await api.dataSource.query(`UPDATE payment SET back_office_code = $1 WHERE number = '1026'`, [payment1026.backOfficeCode]);
});

async function numbersMatching(search: string, filter: Record<string, unknown> = {}): Promise<string[]> {
  const res = await api.graphql(`query($filter: PaymentFilter) { payments(filter: $filter, first: 100) { totalCount edges { node { number } } } }`, {
    filter: { ...filter, search },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data.payments.totalCount).toBe(res.data.payments.edges.length);
  return res.data.payments.edges.map((edge: any) => edge.node.number);
}

/** Every page of a listing in an order, walked with its cursors. */
async function walk(orderBy: string, size: number, filter: Record<string, unknown> = {}): Promise<Array<{ number: string; id: string }>> {
  const seen: Array<{ number: string; id: string }> = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const res: any = await api.graphql(
      `query($after: String, $orderBy: PaymentOrder, $filter: PaymentFilter) { payments(first: ${size}, after: $after, orderBy: $orderBy, filter: $filter) { edges { node { id number } } pageInfo { hasNextPage endCursor } } }`,
      { after, orderBy, filter },
    );
    expect(res.errors).toBeUndefined();
    seen.push(...res.data.payments.edges.map((edge: any) => edge.node));
    if (!res.data.payments.pageInfo.hasNextPage) return seen;
    after = res.data.payments.pageInfo.endCursor;
  }
  throw new Error("too many pages");
}

describe("payments(filter: { search })", () => {
  it.each([
    ["number", payment1026.number],
    ["reference number", payment1026.referenceNumber],
    ["back office code", payment1026.backOfficeCode],
    ["vendor payment id", payment1026.vendorPaymentId],
    ["number with spaces around it", `  ${payment1026.number} `],
  ])("finds payment 1026 by its %s", async (_field, text) => {
    expect(await numbersMatching(text)).toEqual(["1026"]);
  });

  it("matches whole values only, and combines with the other fields", async () => {
    expect(await numbersMatching("102")).toEqual([]);
    expect(await numbersMatching(payment1026.number, { vendor: "CRMCOM" })).toEqual(["1026"]);
    expect(await numbersMatching(payment1026.number, { vendor: "PLANOCORE" })).toEqual([]);
  });

  it.each([[""], ["   "]])("refuses the search %j with the field named", async (search) => {
    const res = await api.graphql(`query($search: String) { payments(filter: { search: $search }) { totalCount } }`, { search });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(res.errors)).toMatch(/search/);
  });
});

describe("payments(orderBy)", () => {
  it.each([
    ["ISSUED_ON_DESC", "issued_on DESC, id DESC"],
    ["ISSUED_ON_ASC", "issued_on ASC, id ASC"],
    ["AMOUNT_DESC", "amount DESC, id DESC"],
    ["AMOUNT_ASC", "amount ASC, id ASC"],
  ])("walks every page in %s order with keyset cursors, each payment once", async (orderBy, sql) => {
    const expected: Array<{ number: string }> = await api.dataSource.query(`SELECT number FROM payment ORDER BY ${sql}`);
    const seen = await walk(orderBy, 4);
    expect(seen.map((payment) => payment.number)).toEqual(expected.map((row) => row.number));
  });

  it("keeps a filter while paging by amount", async () => {
    const expected: Array<{ number: string }> = await api.dataSource.query(`SELECT number FROM payment WHERE vendor_code = 'crmcom' ORDER BY amount DESC, id DESC`);
    const seen = await walk("AMOUNT_DESC", 2, { vendor: "CRMCOM" });
    expect(seen.map((payment) => payment.number)).toEqual(expected.map((row) => row.number));
  });

  it("refuses a cursor handed out for another order", async () => {
    const first: any = await api.graphql(`{ payments(first: 1, orderBy: AMOUNT_ASC) { pageInfo { endCursor } } }`);
    const cursor = first.data.payments.pageInfo.endCursor;
    for (const orderBy of ["ISSUED_ON_DESC", "AMOUNT_DESC", "ISSUED_ON_ASC"]) {
      const res = await api.graphql(`query($after: String) { payments(first: 1, after: $after, orderBy: ${orderBy}) { totalCount } }`, { after: cursor });
      expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0].message).toMatch(/orderBy/);
    }
  });
});

describe("Payment.operations", () => {
  it("shows what a cancel sent to the vendor and what it answered, without credentials", async () => {
    const cancel = await api.graphql(`mutation { cancelPayment(input: { payment: { number: "1025" }, type: { name: "Payment Cancellation" }, notes: "Shown in the timeline" }) { __typename } }`);
    expect(cancel.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
    const res = await api.graphql(`{ payment(identifier: { number: "1025" }) {
      operations { operation status vendorRequest vendorAnswer { outcome cancellation { number amount } } } } }`);
    expect(res.errors).toBeUndefined();
    const [operation] = res.data.payment.operations;
    expect(operation).toMatchObject({ operation: "CANCEL", status: "SUCCEEDED", vendorAnswer: { outcome: "SUCCEEDED" } });
    expect(operation.vendorAnswer.cancellation.number).toBeTruthy();
    const request = JSON.parse(operation.vendorRequest);
    expect(request).toMatchObject({ operation: "CANCEL", payment: { number: "1025" }, cancellation: { notes: "Shown in the timeline" } });
    expect(operation.vendorRequest).not.toMatch(/secret|token|password|authorization/i);
  });
});
