import { DEMO_CURRENCIES, DEMO_RATE_PERIODS } from "../../src/demo/demo-data";
import { useTestApi } from "../support/test-api";

const api = useTestApi();

describe("currencies", () => {
  it("lists every currency by code with its rate periods", async () => {
    const res = await api.graphql(`{ currencies { code lifeCycleState minorUnitDigits prefixSymbol ratePeriods { rate inverseRate fromDate toDate currency { code } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.currencies.map((c: any) => c.code)).toEqual(DEMO_CURRENCIES.map((c) => c.code).sort());
    const usd = res.data.currencies.find((c: any) => c.code === "USD");
    expect(usd.ratePeriods).toEqual([
      { rate: "0.92", inverseRate: "1.08695652", fromDate: "2024-01-01", toDate: "2024-12-31", currency: { code: "USD" } },
      { rate: "0.95", inverseRate: "1.05263158", fromDate: "2025-01-01", toDate: null, currency: { code: "USD" } },
    ]);
  });

  it("filters by life cycle state and codes", async () => {
    const res = await api.graphql(`{ a: currencies(filter: { lifeCycleState: NOT_EFFECTIVE }) { code } b: currencies(filter: { codes: ["JPY", "EUR"] }) { code } }`);
    expect(res.data.a).toEqual([{ code: "CYP" }]);
    expect(res.data.b).toEqual([{ code: "EUR" }, { code: "JPY" }]);
  });

  it("refuses a malformed currency code in the filter", async () => {
    const res = await api.graphql(`{ currencies(filter: { codes: ["euro"] }) { code } }`);
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toMatch(/three capital letters/);
  });

  it("finds one currency by code, or null", async () => {
    const res = await api.graphql(`{ eur: currency(code: "EUR") { code integerPartName decimalPartName prefixSymbol } none: currency(code: "XXX") { code } }`);
    expect(res.data).toEqual({
      eur: { code: "EUR", integerPartName: "euro", decimalPartName: "cent", prefixSymbol: "€" },
      none: null,
    });
  });
});

describe("Currency.rateAt(date)", () => {
  it.each([
    ["2024-01-01", "0.92"],
    ["2024-12-31", "0.92"],
    ["2025-01-01", "0.95"],
    ["2031-06-15", "0.95"],
    ["2023-12-31", null],
  ])("on %s gives rate %s (toDate inclusive, open end, gap is null)", async (date, rate) => {
    const res = await api.graphql(`query($d: Date!) { currency(code: "USD") { rateAt(date: $d) { rate } } }`, { d: date });
    expect(res.errors).toBeUndefined();
    expect(res.data.currency.rateAt?.rate ?? null).toBe(rate);
  });

  it("batches rateAt over many currencies", async () => {
    let res: any;
    const statements = await api.countStatements(async () => {
      res = await api.graphql(`{ currencies { code rateAt(date: "2024-06-01") { rate } } }`);
    });
    expect(statements).toBeLessThanOrEqual(3);
    const rates = Object.fromEntries(res.data.currencies.map((c: any) => [c.code, c.rateAt?.rate ?? null]));
    expect(rates).toEqual({ CYP: null, EUR: "1", JPY: "0.0062", USD: "0.92" });
  });

  it.each(["2024-02-30", "20240101", "tomorrow"])("refuses the date %j", async (date) => {
    const res = await api.graphql(`query($d: Date!) { currency(code: "USD") { rateAt(date: $d) { rate } } }`, { d: date });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("rate periods carry at least 8 decimals exactly", async () => {
    expect(DEMO_RATE_PERIODS.find((p) => p.currencyCode === "JPY")?.inverseRate).toBe("161.29032258");
    const res = await api.graphql(`{ currency(code: "JPY") { ratePeriods { inverseRate } } }`);
    expect(res.data.currency.ratePeriods[0].inverseRate).toBe("161.29032258");
  });
});

describe("paymentCancellation and Payment relations", () => {
  let cancellationId: string;
  beforeAll(async () => {
    const [row] = await api.dataSource.query(
      `INSERT INTO payment_cancellation (payment_id, number, reference_number, issued_on, posted_on, amount,
         financial_transaction_type_id, financial_transaction_category_id, currency_rate_period_id, notes, udf_float_1, udf_date_1)
       SELECT p.id, 'PC-1', 'PCR-1', now(), now(), p.amount,
         (SELECT id FROM financial_transaction_type WHERE name = 'Payment Cancellation'),
         (SELECT id FROM financial_transaction_category WHERE code = 'MISTAKE'), p.currency_rate_period_id, 'typo', '0.1234567891', '2025-03-01'
         FROM payment p WHERE p.life_cycle_state = 'CANCELLED' ORDER BY p.number LIMIT 1 RETURNING id`,
    );
    cancellationId = row.id;
  });

  it("reads a cancellation with its payment, type, category and rate period", async () => {
    const res = await api.graphql(
      `query($id: ID!) { paymentCancellation(id: $id) { number referenceNumber lifeCycleState notes udfFloat1 udfDate1
        payment { lifeCycleState cancellation { number } } type { name alternativeCode } category { name code } currencyRatePeriod { rate } } }`,
      { id: cancellationId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.paymentCancellation).toMatchObject({
      number: "PC-1",
      referenceNumber: "PCR-1",
      lifeCycleState: "POSTED",
      notes: "typo",
      udfFloat1: "0.1234567891",
      udfDate1: "2025-03-01",
      payment: { lifeCycleState: "CANCELLED", cancellation: { number: "PC-1" } },
      type: { name: "Payment Cancellation", alternativeCode: "PCAN" },
      category: { name: "Cancellation Because of Mistake", code: "MISTAKE" },
    });
    expect(res.data.paymentCancellation.currencyRatePeriod.rate).toMatch(/^\d/);
  });

  it("answers null for an unknown or malformed cancellation id", async () => {
    const res = await api.graphql(`{ a: paymentCancellation(id: "00000000-0000-4000-8000-000000000000") { id } b: paymentCancellation(id: "nope") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: null, b: null });
  });

  it("gives a payment its events in the order they were written, whatever time they carry", async () => {
    const [payment] = await api.dataSource.query(`SELECT id, number FROM payment ORDER BY number LIMIT 1`);
    await api.dataSource.query(
      `INSERT INTO payment_event (payment_id, type, actor, from_state, to_state, occurred_at) VALUES
       ($1, 'IMPORTED', 'system', NULL, 'PENDING', '2025-01-02T00:00:00Z'),
       ($1, 'STATE_CHANGED', 'system', 'PENDING', 'AUTHORIZED', '2025-01-01T00:00:00Z')`,
      [payment.id],
    );
    const res = await api.graphql(`query($n: String!) { payment(identifier: { number: $n }) { events { type actor fromState toState occurredAt } } }`, { n: payment.number });
    expect(res.data.payment.events).toEqual([
      { type: "IMPORTED", actor: "system", fromState: null, toState: "PENDING", occurredAt: "2025-01-02T00:00:00.000Z" },
      { type: "STATE_CHANGED", actor: "system", fromState: "PENDING", toState: "AUTHORIZED", occurredAt: "2025-01-01T00:00:00.000Z" },
    ]);
  });
});
