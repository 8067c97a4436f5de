import { entityById, findEntities } from "../database/find-entities";
import { entityRows } from "../database/entity-rows";
import { queryPrepared, queryPreparedValues } from "../database/prepared-statements";
import type { VendorCode } from "../domain/enums";
import { PaymentCancellation, UDF_DATE_FIELDS, UDF_FLOAT_FIELDS, UDF_STRING_FIELDS, type VendorRatePeriod } from "../domain/payment-cancellation.entity";
import { Store } from "./store";

const UDF_FIELDS = [...UDF_STRING_FIELDS, ...UDF_FLOAT_FIELDS, ...UDF_DATE_FIELDS];
/** udfString1 → udf_string_1 */
const UDF_COLUMNS = UDF_FIELDS.map((field) => field.replace(/^udf([A-Z][a-z]+)(\d)$/, (_all, kind: string, n: string) => `udf_${kind.toLowerCase()}_${n}`));

/** The cancellation a cancel writes in phase 1, PENDING, before the vendor is called. */
export interface PendingCancellation {
  paymentId: string;
  vendorCode: VendorCode;
  operationId: string;
  /** Our own numbers, only where the vendor keeps no cancellation record of its own. */
  number: string | null;
  referenceNumber: string | null;
  amount: string;
  financialTransactionTypeId: string;
  financialTransactionCategoryId: string | null;
  currencyRatePeriodId: string | null;
  notes: string | null;
  backOfficeCode: string | null;
  issueReason: string | null;
  /** udfString1..8, udfFloat1..4, udfDate1..4: only the given ones. */
  userDefinedFields: Record<string, string>;
}

/**
 * What a success records on the cancellation its operation wrote in phase 1. A field given as
 * null keeps what phase 1 wrote, except where said otherwise.
 */
export interface CancellationPosting {
  /** When it was posted: "now" for the database's clock; null: unknown (always written). */
  postedOn: Date | "now" | null;
  /** When the vendor issued it. */
  issuedOn: Date | null;
  /** The gateway that processed it, and its reference (always written). */
  gatewayName: string | null;
  gatewayReferenceNumber: string | null;
  /** The back office code it was sent with: kept where phase 1 wrote none. */
  backOfficeCode: string | null;
  /** The vendor's own record, where the vendor keeps one: it replaces our numbers, unknown parts included. */
  vendorRecord: { known: boolean; number: string | null; referenceNumber: string | null; vendorId: string | null } | null;
  /** The amount the vendor cancelled, as it answered. */
  vendorAmount: string | null;
  /**
   * The rate period the vendor used, as it answered: kept, and matched to ours (same currency,
   * days and rate); when none of ours matches, the cancellation holds no rate period of ours.
   */
  vendorCurrencyRatePeriod: VendorRatePeriod | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * What a vendor's rate period is matched to ours by, or nulls (matching none) when it lacks or
 * garbles a part of it. The currency code is compared as `currency.code` is kept, a char(3):
 * trailing spaces do not count.
 */
function matchKey(period: VendorRatePeriod | null): [string | null, string | null, string | null, string | null] {
  const { currencyCode, fromDate, toDate, rate } = period ?? {};
  if (!currencyCode || !fromDate || !ISO_DATE.test(fromDate) || (toDate && !ISO_DATE.test(toDate)) || !rate || !DECIMAL.test(rate)) return [null, null, null, null];
  return [currencyCode, fromDate, toDate ?? null, rate];
}

/** Who holds a vendor's cancellation number or reference number. */
export interface VendorNumberHolderRow {
  id: string;
  number: string | null;
  paymentNumber: string;
  resellerId: string;
}

/** The `payment_cancellation` table: the ledger record a cancel writes PENDING and completes POSTED. */
export class CancellationStore extends Store {
  /** Whether a cancellation of this reseller already carries the back office code (codes are unique per reseller). */
  async backOfficeCodeTaken(resellerId: string, code: string): Promise<boolean> {
    const rows = await queryPrepared(this.sql, `SELECT 1 FROM payment_cancellation WHERE reseller_id = $1 AND back_office_code = $2`, [resellerId, code]);
    return rows.length > 0;
  }

  /** The next of our own cancellation numbers. */
  async nextOwnNumber(): Promise<string> {
    const [{ seq }] = await queryPrepared<{ seq: string }>(this.sql, `SELECT nextval('payment_cancellation_number_seq')::text AS seq`, []);
    return seq;
  }

  async writePending(pending: PendingCancellation): Promise<void> {
    const udfValues = UDF_FIELDS.map((field) => pending.userDefinedFields[field] ?? null);
    const first = 13;
    await queryPrepared(
      this.sql,
      `INSERT INTO payment_cancellation (payment_id, vendor_code, operation_id, number, reference_number, life_cycle_state, issued_on, posted_on, amount,
                                         financial_transaction_type_id, financial_transaction_category_id, currency_rate_period_id, notes,
                                         back_office_code, issue_reason, ${UDF_COLUMNS.join(", ")})
       VALUES ($1, $2, $3, $4, $5, 'PENDING', now(), NULL, $6, $7, $8, $9, $10, $11, $12, ${UDF_COLUMNS.map((_c, i) => `$${first + i}`).join(", ")})`,
      [
        pending.paymentId, pending.vendorCode, pending.operationId, pending.number, pending.referenceNumber, pending.amount,
        pending.financialTransactionTypeId, pending.financialTransactionCategoryId, pending.currencyRatePeriodId, pending.notes,
        pending.backOfficeCode, pending.issueReason, ...udfValues,
      ],
    );
  }

  /** Removes the PENDING cancellation of an operation that ended without success. */
  async releasePending(operationId: string): Promise<void> {
    await queryPrepared(this.sql, `DELETE FROM payment_cancellation WHERE operation_id = $1 AND life_cycle_state = 'PENDING'`, [operationId]);
  }

  /**
   * Completes the cancellation an operation wrote POSTED, with what the vendor said of it, in one
   * statement (the vendor's rate period matched to ours within it); null when the operation wrote
   * none.
   */
  async postOfOperation(operationId: string, posting: CancellationPosting): Promise<PaymentCancellation | null> {
    const rows = entityRows(this.sql.connection, PaymentCancellation, "c");
    const record = posting.vendorRecord;
    const updated = await queryPreparedValues(
      this.sql,
      `UPDATE payment_cancellation c
          SET life_cycle_state = 'POSTED', posted_on = CASE WHEN $2::boolean THEN now() ELSE $3::timestamptz END,
              issued_on = coalesce($4::timestamptz, c.issued_on), gateway_name = $5, gateway_reference_number = $6,
              back_office_code = coalesce(c.back_office_code, $7::text),
              vendor_record_known = CASE WHEN $8::boolean THEN $9::boolean ELSE c.vendor_record_known END,
              number = CASE WHEN $8::boolean THEN $10::text ELSE c.number END,
              reference_number = CASE WHEN $8::boolean THEN $11::text ELSE c.reference_number END,
              vendor_id = CASE WHEN $8::boolean THEN $12::text ELSE c.vendor_id END,
              vendor_amount = coalesce($13::numeric, c.vendor_amount),
              vendor_currency_rate_period = coalesce($14::jsonb, c.vendor_currency_rate_period),
              currency_rate_period_id = CASE WHEN $14::jsonb IS NULL THEN c.currency_rate_period_id ELSE
                (SELECT p.id FROM currency_rate_period p JOIN currency cu ON cu.id = p.currency_id
                  WHERE cu.code = $15::bpchar AND p.from_date = $16::date AND p.to_date IS NOT DISTINCT FROM $17::date AND p.rate = $18::numeric
                  ORDER BY p.id LIMIT 1) END
        WHERE c.operation_id = $1
        RETURNING ${rows.selectList}`,
      [
        operationId, posting.postedOn === "now", posting.postedOn === "now" ? null : posting.postedOn, posting.issuedOn, posting.gatewayName,
        posting.gatewayReferenceNumber, posting.backOfficeCode, record !== null, record?.known ?? null, record?.number ?? null,
        record?.referenceNumber ?? null, record?.vendorId ?? null, posting.vendorAmount,
        posting.vendorCurrencyRatePeriod === null ? null : JSON.stringify(posting.vendorCurrencyRatePeriod), ...matchKey(posting.vendorCurrencyRatePeriod),
      ],
    );
    return updated.length === 1 ? rows.hydrate(updated[0]) : null;
  }

  /** The cancellation with this id (the caller knows it exists). */
  byId(id: string): Promise<PaymentCancellation> {
    return entityById(this.sql, PaymentCancellation, id);
  }

  byIds(ids: readonly string[]): Promise<PaymentCancellation[]> {
    return findEntities(this.sql, PaymentCancellation, { id: ids });
  }

  ofPayments(paymentIds: readonly string[]): Promise<PaymentCancellation[]> {
    return findEntities(this.sql, PaymentCancellation, { paymentId: paymentIds });
  }

  /**
   * The cancellation of the same vendor, other than the operation's own, that already holds the
   * number or the reference number; the one holding the number first.
   */
  async holderOfVendorNumber(vendorCode: VendorCode, operationId: string, number: string | null, referenceNumber: string | null): Promise<VendorNumberHolderRow | null> {
    const [holder] = await queryPrepared<VendorNumberHolderRow>(
      this.sql,
      `SELECT c.id, c.number, p.number AS "paymentNumber", p.reseller_id AS "resellerId"
         FROM payment_cancellation c JOIN payment p ON p.id = c.payment_id
        WHERE c.vendor_code = $1 AND (c.number = $2 OR c.reference_number = $3) AND c.operation_id IS DISTINCT FROM $4
        ORDER BY c.number = $2 DESC NULLS LAST
        LIMIT 1`,
      [vendorCode, number, referenceNumber, operationId],
    );
    return holder ?? null;
  }
}
