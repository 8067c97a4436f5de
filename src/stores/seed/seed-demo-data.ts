import type { DataSource, EntityManager } from "typeorm";
import {
  DEMO_CURRENCIES,
  DEMO_RATE_PERIODS,
  DEMO_REJECTION_REASONS,
  DEMO_RESELLERS,
  DEMO_TRANSACTION_CATEGORIES,
  DEMO_TRANSACTION_TYPES,
  type DemoPayment,
} from "../../demo/demo-data";

/**
 * Loads the demo data in one transaction into a database without resellers. Idempotent: when
 * the database has a reseller already, nothing is written and `false` is returned.
 */
export async function seedDemoData(dataSource: DataSource, payments: readonly DemoPayment[]): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`LOCK TABLE reseller IN SHARE ROW EXCLUSIVE MODE`);
    // Demo data goes only into a database without resellers: the tree has one top, and a database
    // whose first reseller came from `npm run token -- create --new-reseller` is not a demo.
    const existing = await manager.query<unknown[]>(`SELECT 1 FROM reseller LIMIT 1`);
    if (existing.length > 0) return false;
    await insertDemoData(manager, payments);
    return true;
  });
}

async function insertDemoData(manager: EntityManager, payments: readonly DemoPayment[]): Promise<void> {
  const resellerIds = new Map<string, string>();
  for (const reseller of DEMO_RESELLERS) {
    const [row] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO reseller (code, name, parent_id) VALUES ($1, $2, $3) RETURNING id`,
      [reseller.code, reseller.name, reseller.parentCode ? resellerIds.get(reseller.parentCode) : null],
    );
    resellerIds.set(reseller.code, row.id);
  }
  const currencyIds = new Map<string, string>();
  for (const c of DEMO_CURRENCIES) {
    const [row] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO currency (code, prefix_symbol, suffix_symbol, life_cycle_state, integer_part_name, decimal_part_name, minor_unit_digits)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [c.code, c.prefixSymbol, c.suffixSymbol, c.lifeCycleState, c.integerPartName, c.decimalPartName, c.minorUnitDigits],
    );
    currencyIds.set(c.code, row.id);
  }
  for (const p of DEMO_RATE_PERIODS) {
    await manager.query(
      `INSERT INTO currency_rate_period (currency_id, rate, inverse_rate, from_date, to_date) VALUES ($1, $2, $3, $4, $5)`,
      [currencyIds.get(p.currencyCode), p.rate, p.inverseRate, p.fromDate, p.toDate],
    );
  }
  for (const t of DEMO_TRANSACTION_TYPES) {
    await manager.query(`INSERT INTO financial_transaction_type (name, alternative_code) VALUES ($1, $2)`, [t.name, t.alternativeCode]);
  }
  for (const c of DEMO_TRANSACTION_CATEGORIES) {
    await manager.query(`INSERT INTO financial_transaction_category (name, code) VALUES ($1, $2)`, [c.name, c.code]);
  }
  for (const r of DEMO_REJECTION_REASONS) {
    await manager.query(`INSERT INTO rejection_reason (name, alternative_code) VALUES ($1, $2)`, [r.name, r.alternativeCode]);
  }
  for (const p of payments) {
    // The rate period in force on the day the payment was issued.
    await manager.query(
      `INSERT INTO payment (number, reference_number, back_office_code, life_cycle_state, issued_on, posted_on, amount,
         currency_id, currency_rate_period_id, payment_model, reseller_id, vendor_code, vendor_payment_id,
         gateway_name, gateway_reference_number, closed_at, vendor_reseller_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
         (SELECT id FROM currency_rate_period WHERE currency_id = $8
            AND daterange(from_date, to_date, '[]') @> ($5::timestamptz AT TIME ZONE 'UTC')::date),
         $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        p.number, p.referenceNumber, p.backOfficeCode, p.lifeCycleState, p.issuedOn, p.postedOn, p.amount,
        currencyIds.get(p.currencyCode), p.paymentModel, resellerIds.get(p.resellerCode), p.vendorCode,
        p.vendorPaymentId, p.gatewayName, p.gatewayReferenceNumber, p.closedAt, p.vendorResellerId,
      ],
    );
  }
}
