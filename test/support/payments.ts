import type { AppDataSource } from "../../src/database/data-source";
import { PaymentModel, PaymentState, type VendorCode } from "../../src/domain/enums";

export interface PaymentRow {
  number: string;
  referenceNumber: string;
  lifeCycleState: PaymentState;
  paymentModel: PaymentModel;
  amount: string;
  currencyCode: string;
  resellerCode: string;
  vendorCode: VendorCode;
  vendorPaymentId: string;
  backOfficeCode: string | null;
}

let sequence = 0;

/**
 * Writes one payment row straight into the database (a payment the demo data lacks), every field
 * defaulted: a prepaid, AUTHORIZED ConvergeGate payment of 10.00 EUR of "acme". Returns the row.
 */
export async function insertPayment(db: Pick<AppDataSource, "query">, overrides: Partial<PaymentRow> = {}): Promise<PaymentRow> {
  sequence += 1;
  const unique = `${process.pid}${String(sequence).padStart(6, "0")}`;
  const row: PaymentRow = {
    number: `T-${unique}`,
    referenceNumber: `REF-T-${unique}`,
    lifeCycleState: PaymentState.AUTHORIZED,
    paymentModel: PaymentModel.PREPAID,
    amount: "10.00",
    currencyCode: "EUR",
    resellerCode: "acme",
    vendorCode: "convergegate",
    vendorPaymentId: `t${unique}`.padEnd(32, "0").slice(0, 32),
    backOfficeCode: null,
    ...overrides,
  };
  await db.query(
    `INSERT INTO payment (number, reference_number, life_cycle_state, issued_on, amount, currency_id, payment_model, reseller_id, vendor_code, vendor_payment_id, back_office_code)
     VALUES ($1, $2, $3, now(), $4, (SELECT id FROM currency WHERE code = $5), $6, (SELECT id FROM reseller WHERE code = $7), $8, $9, $10)`,
    [row.number, row.referenceNumber, row.lifeCycleState, row.amount, row.currencyCode, row.paymentModel, row.resellerCode, row.vendorCode, row.vendorPaymentId, row.backOfficeCode],
  );
  return row;
}
