import { entityRows } from "../database/entity-rows";
import { queryPrepared, queryPreparedValues } from "../database/prepared-statements";
import type { PaymentModel, PaymentState, VendorCode } from "../domain/enums";
import { Payment } from "../domain/payment.entity";
import { Store } from "./store";

/** A payment as an integration records it, its references resolved to ids. */
export interface RecordedPayment {
  vendorCode: VendorCode;
  vendorPaymentId: string;
  number: string;
  referenceNumber: string;
  backOfficeCode: string | null;
  lifeCycleState: PaymentState;
  issuedOn: Date;
  postedOn: Date | null;
  amount: string;
  currencyId: string;
  currencyRatePeriodId: string | null;
  paymentModel: PaymentModel;
  resellerId: string;
  vendorResellerId: string | null;
  gatewayName: string | null;
  gatewayReferenceNumber: string | null;
}

/** What a later report may change of a recorded payment, every column given. */
export interface ReportedChange {
  id: string;
  lifeCycleState: PaymentState;
  postedOn: Date | null;
  backOfficeCode: string | null;
  vendorResellerId: string | null;
  gatewayName: string | null;
  gatewayReferenceNumber: string | null;
  /** The payment reached CANCELLED or REJECTED by this report. */
  closes: boolean;
}

/** The other payment that holds a number, reference number or back office code. */
export interface HolderRow {
  id: string;
  number: string;
  referenceNumber: string;
  backOfficeCode: string | null;
  resellerId: string;
  vendorCode: string;
  vendorPaymentId: string;
}

/**
 * The `payment` table as payments come in (recordPayments, the import): in batches, a few
 * statements for any number of payments.
 */
export class PaymentIntakeStore extends Store {
  /** The payments with these vendor keys, locked until the transaction ends. */
  async lockByVendorIds(keys: ReadonlyArray<{ vendorCode: string; vendorPaymentId: string }>): Promise<Payment[]> {
    const rows = entityRows(this.sql.connection, Payment, "p");
    const found = await queryPreparedValues(
      this.sql,
      `SELECT ${rows.selectList} FROM payment p
         JOIN unnest($1::text[], $2::text[]) AS k(vendor_code, vendor_payment_id)
           ON p.vendor_code = k.vendor_code AND p.vendor_payment_id = k.vendor_payment_id
        ORDER BY p.id FOR UPDATE OF p`,
      [keys.map((key) => key.vendorCode), keys.map((key) => key.vendorPaymentId)],
    );
    return found.map((values) => rows.hydrate(values)!);
  }

  /** Payments holding any of these numbers or reference numbers, or these back office codes of these resellers. */
  holders(numbers: readonly string[], referenceNumbers: readonly string[], backOfficeCodes: ReadonlyArray<{ resellerId: string; code: string }>): Promise<HolderRow[]> {
    return queryPrepared<HolderRow>(
      this.sql,
      `SELECT p.id, p.number, p.reference_number AS "referenceNumber", p.back_office_code AS "backOfficeCode", p.reseller_id AS "resellerId",
              p.vendor_code AS "vendorCode", p.vendor_payment_id AS "vendorPaymentId"
         FROM payment p
        WHERE p.id IN (
              SELECT id FROM payment WHERE number = ANY($1::text[])
              UNION SELECT id FROM payment WHERE reference_number = ANY($2::text[])
              UNION SELECT b.id FROM payment b JOIN unnest($3::uuid[], $4::text[]) AS c(reseller_id, code)
                      ON b.reseller_id = c.reseller_id AND b.back_office_code = c.code)`,
      [numbers, referenceNumbers, backOfficeCodes.map((code) => code.resellerId), backOfficeCodes.map((code) => code.code)],
    );
  }

  /**
   * Inserts the payments; one that another payment's unique number, reference, back office code
   * or vendor key stops is left out. Answers the ids of those inserted, by vendor key. With
   * `whole`, none may be stopped (none is, as far as the transaction has read): one that is
   * fails the statement (23505), and the transaction with it.
   */
  async insert(payments: readonly RecordedPayment[], whole = false): Promise<Map<string, string>> {
    const column = <K extends keyof RecordedPayment>(key: K) => payments.map((payment) => payment[key]);
    const rows = await queryPrepared<{ id: string; vendor_code: string; vendor_payment_id: string }>(
      this.sql,
      `INSERT INTO payment (vendor_code, vendor_payment_id, number, reference_number, back_office_code, life_cycle_state, issued_on, posted_on, amount,
                            currency_id, currency_rate_period_id, payment_model, reseller_id, vendor_reseller_id, gateway_name, gateway_reference_number,
                            closed_at)
       SELECT r.vendor_code, r.vendor_payment_id, r.number, r.reference_number, r.back_office_code, r.life_cycle_state::payment_state, r.issued_on,
              r.posted_on, r.amount, r.currency_id, r.currency_rate_period_id, r.payment_model::payment_model, r.reseller_id, r.vendor_reseller_id,
              r.gateway_name, r.gateway_reference_number, CASE WHEN r.life_cycle_state IN ('CANCELLED', 'REJECTED') THEN now() END
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::numeric[],
                     $10::uuid[], $11::uuid[], $12::text[], $13::uuid[], $14::text[], $15::text[], $16::text[])
              AS r(vendor_code, vendor_payment_id, number, reference_number, back_office_code, life_cycle_state, issued_on, posted_on, amount,
                   currency_id, currency_rate_period_id, payment_model, reseller_id, vendor_reseller_id, gateway_name, gateway_reference_number)
       ${whole ? "" : "ON CONFLICT DO NOTHING"}
       RETURNING id, vendor_code, vendor_payment_id`,
      [
        column("vendorCode"), column("vendorPaymentId"), column("number"), column("referenceNumber"), column("backOfficeCode"),
        column("lifeCycleState"), column("issuedOn"), column("postedOn"), column("amount"), column("currencyId"), column("currencyRatePeriodId"),
        column("paymentModel"), column("resellerId"), column("vendorResellerId"), column("gatewayName"), column("gatewayReferenceNumber"),
      ],
    );
    return new Map(rows.map((row) => [`${row.vendor_code}|${row.vendor_payment_id}`, row.id]));
  }

  /** Applies what later reports changed, one statement for them all. */
  async applyReported(changes: readonly ReportedChange[]): Promise<void> {
    if (changes.length === 0) return;
    const column = <K extends keyof ReportedChange>(key: K) => changes.map((change) => change[key]);
    await queryPrepared(
      this.sql,
      `UPDATE payment p
          SET life_cycle_state = c.life_cycle_state::payment_state, posted_on = c.posted_on, back_office_code = c.back_office_code,
              vendor_reseller_id = c.vendor_reseller_id, gateway_name = c.gateway_name, gateway_reference_number = c.gateway_reference_number,
              closed_at = CASE WHEN c.closes THEN coalesce(p.closed_at, now()) ELSE p.closed_at END,
              version = p.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[])
              AS c(id, life_cycle_state, posted_on, back_office_code, vendor_reseller_id, gateway_name, gateway_reference_number, closes)
        WHERE p.id = c.id`,
      [
        column("id"), column("lifeCycleState"), column("postedOn"), column("backOfficeCode"), column("vendorResellerId"),
        column("gatewayName"), column("gatewayReferenceNumber"), column("closes"),
      ],
    );
  }
}
