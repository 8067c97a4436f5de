import { Permission } from "../access/roles";
import { Decimal } from "decimal.js";
import type { EntityManager } from "typeorm";
import { entityById, findEntity } from "../database/find-entities";
import { queryPrepared } from "../database/prepared-statements";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import { vendorRules } from "../vendors/installed-vendors";
import type { VendorRatePeriodAnswer } from "../vendors/vendor-service";
import { FinancialTransactionCategory, FinancialTransactionType } from "../domain/lookups.entity";
import { Payment } from "../domain/payment.entity";
import { PaymentCancellation, UDF_DATE_FIELDS, UDF_FLOAT_FIELDS, UDF_STRING_FIELDS } from "../domain/payment-cancellation.entity";
import { PaymentCancellationState } from "../domain/enums";
import type { CancelPaymentCommand } from "./operation-commands";
import { findByIdentifier } from "./lookup-references";
import type { OperationDefinition } from "./operation-definition";
import { DuplicateBackOfficeCodeError, ReferenceNotFoundError } from "./operation-errors";
import { CancelPaymentSuccess } from "./operation-results";
import { PaymentOperation } from "../domain/payment-operation";

const UDF_FIELDS = [...UDF_STRING_FIELDS, ...UDF_FLOAT_FIELDS, ...UDF_DATE_FIELDS];
type UdfField = (typeof UDF_FIELDS)[number] & keyof CancelPaymentCommand;

interface PreparedCancellation {
  typeId: string;
  categoryId: string | null;
  currencyRatePeriodId: string | null;
  notes: string | null;
  backOfficeCode: string | null;
  issueReason: string | null;
  userDefinedFields: Record<string, string>;
}

/** The rate period of the payment's currency in force today, if any. */
async function ratePeriodInForce(manager: EntityManager, currencyId: string): Promise<string | null> {
  const [row] = await queryPrepared<{ id: string }>(
    manager,
    `SELECT id FROM currency_rate_period WHERE currency_id = $1 AND daterange(from_date, to_date, '[]') @> current_date`,
    [currencyId],
  );
  return row?.id ?? null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Our rate period that is the vendor's (same currency, dates and rate), if any. */
async function matchingRatePeriod(manager: EntityManager, period: VendorRatePeriodAnswer): Promise<string | null> {
  const { currencyCode, fromDate, toDate, rate } = period;
  if (!currencyCode || !fromDate || !ISO_DATE.test(fromDate) || (toDate && !ISO_DATE.test(toDate)) || !rate || !DECIMAL.test(rate)) return null;
  const [row] = await queryPrepared<{ id: string }>(
    manager,
    `SELECT p.id FROM currency_rate_period p JOIN currency c ON c.id = p.currency_id
      WHERE c.code = $1 AND p.from_date = $2::date AND p.to_date IS NOT DISTINCT FROM $3::date AND p.rate = $4::numeric`,
    [currencyCode, fromDate, toDate ?? null, rate],
  );
  return row?.id ?? null;
}

/**
 * Cancel: POSTED or WAITING_FOR_PAYMENT → CANCELLED. The payment cancellation (the payment's
 * amount, the rate period in force, the type, category and the given fields) is written PENDING
 * in phase 1 and completed POSTED with the vendor's own record in phase 3.
 */
export const cancelPayment: OperationDefinition<CancelPaymentCommand, PreparedCancellation, CancelPaymentSuccess> = {
  operation: PaymentOperation.CANCEL,
  permission: Permission.PAYMENT_CANCEL,
  successTypename: "CancelPaymentSuccess",

  async prepare(manager, payment, input) {
    const type = await findByIdentifier(manager, FinancialTransactionType, input.type);
    if (!type) return ReferenceNotFoundError.of("type", "financial transaction type");
    const category = input.category ? await findByIdentifier(manager, FinancialTransactionCategory, input.category) : null;
    if (input.category && !category) return ReferenceNotFoundError.of("category", "financial transaction category");
    const backOfficeCode = input.backOfficeCode ?? null;
    // Unique per reseller owning the payment: codes of other tenants are neither visible nor taken.
    const [taken] = backOfficeCode
      ? await manager.query(`SELECT 1 FROM payment_cancellation WHERE reseller_id = $1 AND back_office_code = $2`, [payment.resellerId, backOfficeCode])
      : [];
    if (backOfficeCode && taken) {
      return DuplicateBackOfficeCodeError.of(backOfficeCode);
    }
    const userDefinedFields: Record<string, string> = {};
    for (const field of UDF_FIELDS as UdfField[]) {
      const value = input[field] as string | undefined;
      if (value !== undefined && value !== null) userDefinedFields[field] = value;
    }
    const prepared: PreparedCancellation = {
      typeId: type.id,
      categoryId: category?.id ?? null,
      currencyRatePeriodId: await ratePeriodInForce(manager, payment.currencyId),
      notes: input.notes ?? null,
      backOfficeCode,
      issueReason: input.issueReason ?? null,
      userDefinedFields,
    };
    return {
      prepared,
      reservedBackOfficeCode: backOfficeCode,
      vendorDetails: {
        cancellation: {
          type: { name: type.name, alternativeCode: type.alternativeCode },
          category: category ? { name: category.name, code: category.code } : null,
          notes: prepared.notes,
          backOfficeCode,
          issueReason: prepared.issueReason,
          userDefinedFields,
        },
      },
    };
  },

  async writePending(manager, payment, prepared, operationId) {
    // Our own numbers only where the vendor keeps no cancellation record of its own; never invented in its place.
    let ours: string | null = null;
    if (!vendorRules(payment.vendorCode).issuesCancellationRecord) {
      const [{ seq }] = await manager.query(`SELECT nextval('payment_cancellation_number_seq') AS seq`);
      ours = String(seq).padStart(6, "0");
    }
    await manager.getRepository(PaymentCancellation).insert({
      paymentId: payment.id,
      vendorCode: payment.vendorCode,
      operationId,
      number: ours && `PC-${ours}`,
      referenceNumber: ours && `PCR-${ours}`,
      lifeCycleState: PaymentCancellationState.PENDING,
      issuedOn: () => "now()",
      postedOn: null,
      amount: payment.amount,
      financialTransactionTypeId: prepared.typeId,
      financialTransactionCategoryId: prepared.categoryId,
      currencyRatePeriodId: prepared.currencyRatePeriodId,
      notes: prepared.notes,
      backOfficeCode: prepared.backOfficeCode,
      issueReason: prepared.issueReason,
      ...prepared.userDefinedFields,
    });
  },

  async release(manager, operationId) {
    await manager.getRepository(PaymentCancellation).delete({ operationId, lifeCycleState: PaymentCancellationState.PENDING });
  },

  async applySuccess(manager, payment, _prepared, details, operationId) {
    const repository = manager.getRepository(PaymentCancellation);
    const pending = await findEntity(manager, PaymentCancellation, { operationId });
    if (!pending) throw new Error(`the pending cancellation of operation ${operationId} was not found`);
    const vendorRecord = details.cancellation;
    const events: Array<{ type: string; detail: string }> = [];
    const changes: QueryDeepPartialEntity<PaymentCancellation> = {
      lifeCycleState: PaymentCancellationState.POSTED,
      postedOn: vendorRecord?.postedOn ?? (() => "now()"),
      gatewayName: vendorRecord?.gatewayName ?? null,
      gatewayReferenceNumber: vendorRecord?.gatewayReferenceNumber ?? null,
    };
    // The code the cancellation was sent with when the caller gave none (CRM.COM: one per operation).
    if (!pending.backOfficeCode && vendorRecord?.backOfficeCode) changes.backOfficeCode = vendorRecord.backOfficeCode;
    if (vendorRules(payment.vendorCode).issuesCancellationRecord) {
      const known = Boolean(vendorRecord?.number);
      Object.assign(changes, {
        vendorRecordKnown: known,
        number: vendorRecord?.number ?? null,
        referenceNumber: vendorRecord?.referenceNumber ?? null,
        vendorId: vendorRecord?.vendorId ?? null,
        postedOn: known ? (vendorRecord?.postedOn ?? (() => "now()")) : null,
        ...(vendorRecord?.issuedOn ? { issuedOn: vendorRecord.issuedOn } : {}),
      });
    }
    if (vendorRecord?.amount) {
      changes.vendorAmount = vendorRecord.amount;
      if (!new Decimal(vendorRecord.amount).eq(payment.amount)) {
        events.push({ type: "VENDOR_AMOUNT_MISMATCH", detail: `the vendor cancelled ${vendorRecord.amount}; our payment's amount is ${payment.amount}` });
      }
    }
    if (vendorRecord?.currencyRatePeriod) {
      changes.vendorCurrencyRatePeriod = vendorRecord.currencyRatePeriod;
      changes.currencyRatePeriodId = await matchingRatePeriod(manager, vendorRecord.currencyRatePeriod);
      if (!changes.currencyRatePeriodId) {
        events.push({ type: "VENDOR_RATE_PERIOD_KEPT", detail: "the vendor's currency rate period matches none of ours; it is kept as the vendor gave it" });
      }
    }
    await repository.update({ id: pending.id }, changes);
    return { cancellationId: pending.id, events };
  },

  async loadSuccess(manager, stored) {
    return Object.assign(new CancelPaymentSuccess(), {
      payment: await entityById(manager, Payment, stored.paymentId),
      cancellation: await entityById(manager, PaymentCancellation, stored.cancellationId!),
    });
  },
};
