import { Permission } from "../access/roles";
import type { EntityManager } from "typeorm";
import { FinancialTransactionCategory, FinancialTransactionType } from "../domain/lookups.entity";
import { Payment } from "../domain/payment.entity";
import { PaymentCancellation, UDF_DATE_FIELDS, UDF_FLOAT_FIELDS, UDF_STRING_FIELDS } from "../domain/payment-cancellation.entity";
import { PaymentCancellationState } from "../domain/enums";
import type { CancelPaymentInput } from "../graphql/inputs/operation.inputs";
import { findByIdentifier } from "./lookup-references";
import type { OperationDefinition } from "./operation-definition";
import { DuplicateBackOfficeCodeError, ReferenceNotFoundError } from "./operation-errors";
import { CancelPaymentSuccess } from "./operation-results";
import { PaymentOperation } from "./payment-operation";

const UDF_FIELDS = [...UDF_STRING_FIELDS, ...UDF_FLOAT_FIELDS, ...UDF_DATE_FIELDS];
type UdfField = (typeof UDF_FIELDS)[number] & keyof CancelPaymentInput;

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
  const [row] = await manager.query(
    `SELECT id FROM currency_rate_period WHERE currency_id = $1 AND daterange(from_date, to_date, '[]') @> current_date`,
    [currencyId],
  );
  return row?.id ?? null;
}

/**
 * Cancel: POSTED or WAITING_FOR_PAYMENT → CANCELLED, creating a POSTED payment cancellation for
 * the payment's amount with the rate period in force, the type, category and the given fields.
 */
export const cancelPayment: OperationDefinition<CancelPaymentInput, PreparedCancellation> = {
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

  async applySuccess(manager, payment, prepared, details) {
    const vendorRecord = details.cancellation;
    const [{ seq }] = await manager.query(`SELECT nextval('payment_cancellation_number_seq') AS seq`);
    const ours = String(seq).padStart(6, "0");
    const now = new Date();
    const cancellation = manager.getRepository(PaymentCancellation).create({
      paymentId: payment.id,
      number: vendorRecord?.number ?? `PC-${ours}`,
      referenceNumber: vendorRecord?.referenceNumber ?? `PCR-${ours}`,
      lifeCycleState: PaymentCancellationState.POSTED,
      issuedOn: now,
      postedOn: vendorRecord?.postedOn ?? now,
      amount: payment.amount,
      financialTransactionTypeId: prepared.typeId,
      financialTransactionCategoryId: prepared.categoryId,
      currencyRatePeriodId: prepared.currencyRatePeriodId,
      notes: prepared.notes,
      backOfficeCode: prepared.backOfficeCode,
      issueReason: prepared.issueReason,
      gatewayName: vendorRecord?.gatewayName ?? null,
      gatewayReferenceNumber: vendorRecord?.gatewayReferenceNumber ?? null,
      ...prepared.userDefinedFields,
    });
    const saved = await manager.getRepository(PaymentCancellation).save(cancellation);
    return { cancellationId: saved.id };
  },

  async loadSuccess(manager, stored) {
    return Object.assign(new CancelPaymentSuccess(), {
      payment: await manager.getRepository(Payment).findOneByOrFail({ id: stored.paymentId }),
      cancellation: await manager.getRepository(PaymentCancellation).findOneByOrFail({ id: stored.cancellationId! }),
    });
  },
};
