import { DEMO_PAYMENTS } from "../../src/vendors/demo-payments";
import { PaymentState } from "../../src/domain/enums";
import { useTestApi } from "../support/test-api";
import { insertPayment } from "../support/payments";

const api = useTestApi();

const PAYMENT_FIELDS = `id number referenceNumber backOfficeCode lifeCycleState amount paymentModel vendorCode vendorPaymentId issuedOn`;
const demo = DEMO_PAYMENTS[0];

async function listAll(filter: Record<string, unknown> = {}, first = 100): Promise<any[]> {
  const res = await api.graphql(
    `query($filter: PaymentFilter, $first: Int) { payments(filter: $filter, first: $first) { totalCount edges { node { ${PAYMENT_FIELDS} currency { code } reseller { code } } } } }`,
    { filter, first },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.payments.totalCount).toBe(res.data.payments.edges.length);
  return res.data.payments.edges.map((e: any) => e.node);
}

describe("payment(identifier)", () => {
  it.each([
    ["number", demo.number],
    ["referenceNumber", demo.referenceNumber],
  ])("finds a payment by %s", async (field, value) => {
    const res = await api.graphql(`query($id: PaymentIdentifierInput!) { payment(identifier: $id) { ${PAYMENT_FIELDS} } }`, {
      id: { [field]: value },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.payment).toMatchObject({
      number: demo.number,
      referenceNumber: demo.referenceNumber,
      vendorCode: demo.vendorCode.toUpperCase(),
      vendorPaymentId: demo.vendorPaymentId,
      lifeCycleState: demo.lifeCycleState,
      amount: demo.amount.replace(/\.?0+$/, ""),
    });
  });

  it("finds a payment by id and by back office code", async () => {
    const withCode = DEMO_PAYMENTS.find((p) => p.backOfficeCode)!;
    const byCode = await api.graphql(`{ payment(identifier: { backOfficeCode: "${withCode.backOfficeCode}" }) { id number } }`);
    expect(byCode.data.payment.number).toBe(withCode.number);
    const byId = await api.graphql(`query($id: ID!) { payment(identifier: { id: $id }) { number } }`, { id: byCode.data.payment.id });
    expect(byId.data.payment.number).toBe(withCode.number);
  });

  it("answers null when there is no such payment", async () => {
    const res = await api.graphql(`{ a: payment(identifier: { number: "nope" }) { id } b: payment(identifier: { id: "00000000-0000-4000-8000-000000000000" }) { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: null, b: null });
  });

  it.each([
    ["no field", `{ payment(identifier: {}) { id } }`],
    ["two fields", `{ payment(identifier: { number: "1001", referenceNumber: "REF-1001" }) { id } }`],
    ["a null field", `{ payment(identifier: { number: null }) { id } }`],
  ])("refuses an identifier with %s before running", async (_case, query) => {
    const res = await api.graphql(query);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].message).toMatch(/exactly one key|must be non-null/i);
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("refuses two identifier fields given through variables", async () => {
    const res = await api.graphql(`query($id: PaymentIdentifierInput!) { payment(identifier: $id) { id } }`, {
      id: { number: "1001", backOfficeCode: "BO-1003" },
    });
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toMatch(/exactly one key/i);
  });

  it("refuses an id that is not a UUID with the field named", async () => {
    const res = await api.graphql(`{ payment(identifier: { id: "1001" }) { id } }`);
    expect(res.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fieldErrors: [{ field: "id", message: "id must be a UUID" }],
    });
    expect(JSON.stringify(res)).not.toMatch(/stack|SELECT|uuid:/i);
  });
});

describe("payments(filter, first, after)", () => {
  it("lists every payment, newest issued first, with totalCount", async () => {
    const all = await listAll();
    expect(all).toHaveLength(DEMO_PAYMENTS.length);
    const issued = all.map((p) => p.issuedOn);
    expect([...issued].sort().reverse()).toEqual(issued);
  });

  it("filters by states", async () => {
    const states = [PaymentState.DRAFT, PaymentState.AUTHORIZED];
    const found = await listAll({ states });
    expect(found.length).toBe(DEMO_PAYMENTS.filter((p) => states.includes(p.lifeCycleState)).length);
    expect(found.every((p) => states.includes(p.lifeCycleState))).toBe(true);
  });

  it("filters by vendor", async () => {
    const found = await listAll({ vendor: "CRMCOM" });
    expect(found.length).toBe(DEMO_PAYMENTS.filter((p) => p.vendorCode === "crmcom").length);
    expect(new Set(found.map((p) => p.vendorCode))).toEqual(new Set(["CRMCOM"]));
  });

  it("filters by currency and by reseller", async () => {
    const usd = await listAll({ currencyCode: "USD" });
    expect(usd.length).toBe(DEMO_PAYMENTS.filter((p) => p.currencyCode === "USD").length);
    expect(usd.every((p) => p.currency.code === "USD")).toBe(true);
    const cyprus = await listAll({ resellerCode: "acme-cyprus" });
    expect(cyprus.length).toBe(DEMO_PAYMENTS.filter((p) => p.resellerCode === "acme-cyprus").length);
    expect(cyprus.every((p) => p.reseller.code === "acme-cyprus")).toBe(true);
    expect(await listAll({ currencyCode: "GBP" })).toEqual([]);
  });

  it("filters by issued-on range, from inclusive and before exclusive", async () => {
    const sorted = [...DEMO_PAYMENTS].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
    const from = sorted[3].issuedOn;
    const before = sorted[8].issuedOn;
    const found = await listAll({ issuedFrom: from, issuedBefore: before });
    expect(found.map((p) => p.number).sort()).toEqual(sorted.slice(3, 8).map((p) => p.number).sort());
  });

  it("filters by amount range, both ends inclusive, compared as decimals", async () => {
    const found = await listAll({ amountMin: "50", amountMax: "199.99" });
    const expected = DEMO_PAYMENTS.filter((p) => ["50.00", "75.10", "199.99"].includes(p.amount));
    expect(found.map((p) => p.number).sort()).toEqual(expected.map((p) => p.number).sort());
  });

  it("walks every page with cursors, each payment once", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: any = await api.graphql(
        `query($after: String) { payments(first: 4, after: $after) { edges { cursor node { number } } pageInfo { hasNextPage endCursor } totalCount } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      const page = res.data.payments;
      expect(page.totalCount).toBe(DEMO_PAYMENTS.length);
      seen.push(...page.edges.map((e: any) => e.node.number));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(Math.ceil(DEMO_PAYMENTS.length / 4));
    expect(new Set(seen).size).toBe(DEMO_PAYMENTS.length);
  });

  it("keeps later pages stable when payments are inserted meanwhile", async () => {
    const first = await api.graphql(`{ payments(first: 5) { edges { node { number } } pageInfo { endCursor } } }`);
    const cursor = first.data.payments.pageInfo.endCursor;
    const expectedNext = await api.graphql(`query($c: String) { payments(first: 5, after: $c) { edges { node { number } } } }`, { c: cursor });
    await insertPayment(api.dataSource, { number: "NEW-1", lifeCycleState: PaymentState.DRAFT, vendorCode: "crmcom", vendorPaymentId: "NEWPAYMENT1" });
    try {
      const next = await api.graphql(`query($c: String) { payments(first: 5, after: $c) { edges { node { number } } totalCount } }`, { c: cursor });
      expect(next.data.payments.edges).toEqual(expectedNext.data.payments.edges);
      expect(next.data.payments.totalCount).toBe(DEMO_PAYMENTS.length + 1);
    } finally {
      await api.dataSource.query(`DELETE FROM payment WHERE number = 'NEW-1'`);
    }
  });

  it.each([
    [101, /between 0 and 100/],
    [-1, /between 0 and 100/],
  ])("refuses first = %s with a clear error", async (first, message) => {
    const res = await api.graphql(`query($first: Int) { payments(first: $first) { totalCount } }`, { first });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].message).toMatch(message);
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it.each(["not-a-cursor", "cGF5bWVudDpub3BlfHg", "", "a".repeat(500)])("refuses the cursor %j", async (after) => {
    const res = await api.graphql(`query($after: String) { payments(after: $after) { totalCount } }`, { after });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toMatch(/cursor/);
  });

  it.each([
    [{ amountMin: 12.5 }, /Decimal values are strings/],
    [{ amountMin: "12,50" }, /not a valid Decimal/],
    [{ amountMax: "1e5" }, /not a valid Decimal/],
    [{ issuedFrom: "yesterday" }, /DateTime/],
    [{ currencyCode: "eur" }, /three capital letters/],
    [{ states: ["SHIPPED"] }, /PaymentState/],
  ])("refuses the filter %j with a clear error", async (filter, message) => {
    const res = await api.graphql(`query($filter: PaymentFilter) { payments(filter: $filter) { totalCount } }`, { filter });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toMatch(message);
  });

  it("counts only when totalCount or totalCountIsCapped is selected, once for both", async () => {
    const without = await api.countStatements(() => api.graphql(`{ payments(first: 5) { edges { node { number } } pageInfo { hasNextPage } } }`));
    expect(without).toBe(1);
    let res: any;
    const both = await api.countStatements(async () => {
      res = await api.graphql(`{ payments(first: 5) { totalCount totalCountIsCapped edges { node { number } } } }`);
    });
    expect(both).toBe(2);
    expect(res.data.payments).toMatchObject({ totalCount: DEMO_PAYMENTS.length, totalCountIsCapped: false });
    const throughFragment = await api.graphql(`{ payments(first: 0) { ...counted pageInfo { hasNextPage } } } fragment counted on PaymentConnection { n: totalCount }`);
    expect(throughFragment.data.payments).toEqual({ n: DEMO_PAYMENTS.length, pageInfo: { hasNextPage: true } });
  });

  it("counts exactly up to the cap, then answers the cap and says so", async () => {
    const list = (countCap: number, filter = {}) =>
      api.db.stores.payments.list({ size: 2, countCap, filter }, { resellerIds: "all" }).then((page) => page.count());
    expect(await list(DEMO_PAYMENTS.length)).toEqual({ count: DEMO_PAYMENTS.length, capped: false });
    expect(await list(DEMO_PAYMENTS.length - 1)).toEqual({ count: DEMO_PAYMENTS.length - 1, capped: true });
    expect(await list(3, { vendor: "crmcom" })).toEqual({ count: 3, capped: true });
    expect(await list(1000, { currencyCode: "GBP" })).toEqual({ count: 0, capped: false });
  });

  it("refuses a float literal for a Decimal", async () => {
    const res = await api.graphql(`{ payments(filter: { amountMin: 12.5 }) { totalCount } }`);
    expect(res.errors?.[0].message).toMatch(/Decimal literals are strings/);
  });

  it("reads a payment with its currency and rate period in one statement", async () => {
    let res: any;
    const statements = await api.countStatements(async () => {
      res = await api.graphql(`{ payment(identifier: { number: "1002" }) { number currency { code } currencyRatePeriod { rate fromDate } } }`);
    });
    const demo = DEMO_PAYMENTS.find((p) => p.number === "1002")!;
    expect(res.data.payment).toMatchObject({ number: "1002", currency: { code: demo.currencyCode } });
    expect(res.data.payment.currencyRatePeriod.rate).toMatch(/^\d/);
    expect(statements).toBe(1);
  });

  it("answers a page of 100 with currency, rate period, cancellation and events in 4 statements: page, count, cancellations, events", async () => {
    // Give every payment an event and some a cancellation, so the relations have rows to load.
    const extra = 100 - DEMO_PAYMENTS.length;
    await api.dataSource.query(
      `INSERT INTO payment (number, reference_number, life_cycle_state, issued_on, amount, currency_id, currency_rate_period_id, payment_model, reseller_id, vendor_code, vendor_payment_id)
       SELECT 'BULK-' || n, 'REF-BULK-' || n, 'POSTED', now() - n * interval '1 minute', '10.5', p.currency_id, p.currency_rate_period_id, 'PREPAID', p.reseller_id, 'crmcom', 'BULK' || n
         FROM generate_series(1, ${extra}) n, (SELECT * FROM payment ORDER BY number LIMIT 1) p`,
    );
    await api.dataSource.query(`INSERT INTO payment_event (payment_id, type, actor) SELECT id, 'IMPORTED', 'system' FROM payment`);
    try {
      let res: any;
      const statements = await api.countStatements(async () => {
        res = await api.graphql(`{ payments(first: 100) { totalCount edges { node { number
          currency { code } currencyRatePeriod { rate } cancellation { number } events { type } } } } }`);
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.payments.edges).toHaveLength(100);
      expect(res.data.payments.edges.every((e: any) => e.node.events.length === 1 && e.node.currency.code)).toBe(true);
      expect(statements).toBeLessThanOrEqual(4);
    } finally {
      await api.dataSource.query(`DELETE FROM payment_event WHERE type = 'IMPORTED'`);
      await api.dataSource.query(`DELETE FROM payment WHERE number LIKE 'BULK-%'`);
    }
  });
});
