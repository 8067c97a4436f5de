import { DEMO_PAYMENTS } from "../../src/vendors/demo-payments";
import type { AppDataSource } from "../../src/database/data-source";
import { seedDemoData } from "../../src/stores/seed/seed-demo-data";
import { openTestDatabase, snapshotDatabase } from "../support/test-database";
import { insertPayment, type PaymentRow } from "../support/payments";
import type { PaymentState } from "../../src/domain/enums";

let db: AppDataSource;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.destroy());

/** Runs a statement that PostgreSQL must refuse, and checks the refusal and that nothing changed. */
async function expectRefused(sql: string, params: unknown[], sqlState: string, constraint?: string): Promise<void> {
  await expectRefusedWrite(() => db.query(sql, params), sqlState, constraint);
}

async function expectRefusedWrite(write: () => Promise<unknown>, sqlState: string, constraint?: string): Promise<void> {
  const before = await snapshotDatabase(db);
  const error: any = await write().then(() => null, (e) => e);
  expect(error).not.toBeNull();
  expect(error.driverError?.code ?? error.code).toBe(sqlState);
  if (constraint) expect(error.driverError?.constraint ?? error.constraint).toBe(constraint);
  expect(await snapshotDatabase(db)).toEqual(before);
}

const usd = `(SELECT id FROM currency WHERE code = 'USD')`;

describe("PostgreSQL enforces the domain rules", () => {
  it("refuses a rate period overlapping another of the same currency", async () => {
    await expectRefused(
      `INSERT INTO currency_rate_period (currency_id, rate, inverse_rate, from_date, to_date) VALUES (${usd}, 1, 1, '2024-12-31', '2025-01-05')`,
      [],
      "23P01",
      "currency_rate_period_no_overlap",
    );
    // The open-ended 2025 period overlaps anything later, too.
    await expectRefused(
      `INSERT INTO currency_rate_period (currency_id, rate, inverse_rate, from_date, to_date) VALUES (${usd}, 1, 1, '2040-01-01', NULL)`,
      [],
      "23P01",
    );
  });

  it("accepts an adjacent period of the same currency and an overlapping one of another", async () => {
    await db.query(`UPDATE currency_rate_period SET to_date = '2025-06-30' WHERE currency_id = ${usd} AND to_date IS NULL`);
    await db.query(`INSERT INTO currency_rate_period (currency_id, rate, inverse_rate, from_date) VALUES (${usd}, '0.9', '1.1111111111', '2025-07-01')`);
    await db.query(
      `INSERT INTO currency_rate_period (currency_id, rate, inverse_rate, from_date, to_date) VALUES ((SELECT id FROM currency WHERE code = 'CYP'), 1, 1, '2008-01-01', '2008-12-31')`,
    );
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM currency_rate_period WHERE currency_id = ${usd}`);
    expect(count).toBe(3);
  });

  it("refuses a rate period that ends before it starts, and a non-positive rate", async () => {
    await expectRefused(
      `INSERT INTO currency_rate_period (currency_id, rate, inverse_rate, from_date, to_date) VALUES ((SELECT id FROM currency WHERE code = 'JPY'), 1, 1, '2020-01-02', '2020-01-01')`,
      [],
      "23514",
      "currency_rate_period_dates_ordered",
    );
    await expectRefused(
      `INSERT INTO currency_rate_period (currency_id, rate, inverse_rate, from_date, to_date) VALUES ((SELECT id FROM currency WHERE code = 'JPY'), 0, 1, '2010-01-01', '2010-01-02')`,
      [],
      "23514",
      "currency_rate_period_rate_positive",
    );
  });

  it("refuses a duplicate payment back office code", async () => {
    const taken = DEMO_PAYMENTS.find((payment) => payment.backOfficeCode !== null)!;
    await expectRefusedWrite(
      () => insertPayment(db, { backOfficeCode: taken.backOfficeCode, resellerCode: taken.resellerCode, vendorCode: "crmcom", vendorPaymentId: "X1" }),
      "23505",
      "payment_back_office_code_key",
    );
  });

  it("refuses a duplicate currency code", async () => {
    await expectRefused(
      `INSERT INTO currency (code, life_cycle_state, integer_part_name, decimal_part_name, minor_unit_digits) VALUES ('EUR', 'EFFECTIVE', 'e', 'c', 2)`,
      [],
      "23505",
      "currency_code_key",
    );
  });

  it.each([
    ["a zero amount", { amount: "0" }, "23514", "payment_amount_positive"],
    ["a negative amount", { amount: "-5.00" }, "23514", "payment_amount_positive"],
    ["a ConvergeGate id that is not 32 letters or digits", { vendorCode: "convergegate", vendorPaymentId: "abc-123" }, "23514", "payment_vendor_payment_id_format"],
    ["a PlanoCore id that is not a number", { vendorCode: "planocore", vendorPaymentId: "P1" }, "23514", "payment_vendor_payment_id_format"],
    ["an ActivePlatform id that is not a number", { vendorCode: "activeplatform", vendorPaymentId: "0012" }, "23514", "payment_vendor_payment_id_format"],
    ["an unknown state", { lifeCycleState: "SHIPPED" as PaymentState }, "22P02", undefined],
    ["an unknown vendor", { vendorCode: "paypal" }, "23503", "payment_vendor_code_fkey"],
    ["an amount too large for a money column", { amount: "12345678901234567.5" }, "22003", undefined],
  ])("refuses a payment with %s", async (_case, overrides: Partial<PaymentRow>, sqlState, constraint) => {
    await expectRefusedWrite(() => insertPayment(db, { vendorCode: "crmcom", vendorPaymentId: "X2", ...overrides }), sqlState, constraint);
  });

  it("refuses a second cancellation of one payment", async () => {
    const insert = (n: number) => `INSERT INTO payment_cancellation (payment_id, number, reference_number, issued_on, posted_on, amount, financial_transaction_type_id)
       SELECT p.id, 'PC-${n}', 'PCR-${n}', now(), now(), p.amount, (SELECT id FROM financial_transaction_type LIMIT 1)
         FROM payment p WHERE number = '1001'`;
    await db.query(insert(1));
    await expectRefused(insert(2), [], "23505", "payment_cancellation_payment_id_key");
  });

  it("keeps cancellation numbers unique per vendor, not across vendors; the vendor is always the payment's", async () => {
    const insert = (paymentNumber: string, vendorCode: string) => `INSERT INTO payment_cancellation (payment_id, vendor_code, number, reference_number, issued_on, posted_on, amount, financial_transaction_type_id)
       SELECT p.id, '${vendorCode}', '35', 'VENDOR-26-${paymentNumber}', now(), now(), p.amount, (SELECT id FROM financial_transaction_type LIMIT 1)
         FROM payment p WHERE number = '${paymentNumber}'`;
    const [crmcom, activePlatform, otherCrmcom] = ["crmcom", "activeplatform", "crmcom"].map(
      (vendor, i) => DEMO_PAYMENTS.filter((p) => p.vendorCode === vendor)[i === 2 ? 1 : 0].number,
    );
    await db.query(insert(crmcom, "crmcom"));
    // Claiming another vendor changes nothing: the database sets the payment's vendor.
    await db.query(insert(activePlatform, "crmcom"));
    const vendors = await db.query(`SELECT c.vendor_code FROM payment_cancellation c JOIN payment p ON p.id = c.payment_id WHERE p.number = $1`, [activePlatform]);
    expect(vendors).toEqual([{ vendor_code: "activeplatform" }]);
    await expectRefused(insert(otherCrmcom, "crmcom"), [], "23505", "payment_cancellation_vendor_number_key");
  });
});

describe("demo seed", () => {
  it("loads once: a second run changes nothing", async () => {
    const before = await snapshotDatabase(db);
    expect(await seedDemoData(db, DEMO_PAYMENTS)).toBe(false);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it("never goes into a database whose first reseller came from elsewhere (the tree keeps one top)", async () => {
    const own = await openTestDatabase({ seed: false });
    try {
      await own.query(`INSERT INTO reseller (code, name, parent_id) VALUES ('own-top', 'Our own top', NULL)`);
      const before = await snapshotDatabase(own);
      expect(await seedDemoData(own, DEMO_PAYMENTS)).toBe(false);
      expect(await snapshotDatabase(own)).toEqual(before);
    } finally {
      await own.destroy();
    }
  });
});
