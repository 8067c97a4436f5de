import { Decimal } from "decimal.js";
import { Permission } from "../access/roles";
import { FinancialTransactionCategory, FinancialTransactionType } from "../domain/lookups.entity";
import type { PaymentCancellation } from "../domain/payment-cancellation.entity";
import { UDF_DATE_FIELDS, UDF_FLOAT_FIELDS, UDF_STRING_FIELDS } from "../domain/payment-cancellation.entity";
import { PaymentOperation } from "../domain/payment-operation";
import type { CancellationPosting } from "../stores/cancellation-store";
import type { VendorSuccess } from "../vendors/vendor-service";
import { CancelPaymentCommand } from "./commands/operation-commands";
import type { OperationDefinition } from "./operation-definition";
import { DuplicateBackOfficeCodeError, ReferenceNotFoundError } from "./operation-errors";
import { CancelPaymentSuccess } from "./operation-results";

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

type Events = Array<{ type: string; detail: string }>;

/**
 * What the vendor's answer makes of the pending cancellation: posted, with the vendor's own record
 * where the vendor keeps one (its number, or unknown when its answer gave none), the amount and
 * rate period it used.
 */
function postingFrom(issuesRecord: boolean, vendorRecord: VendorSuccess["cancellation"]): CancellationPosting {
  const known = Boolean(vendorRecord?.number);
  return {
    postedOn: issuesRecord && !known ? null : (vendorRecord?.postedOn ?? "now"),
    issuedOn: issuesRecord ? (vendorRecord?.issuedOn ?? null) : null,
    gatewayName: vendorRecord?.gatewayName ?? null,
    gatewayReferenceNumber: vendorRecord?.gatewayReferenceNumber ?? null,
    // The code the cancellation was sent with when the caller gave none (CRM.COM: one per operation).
    backOfficeCode: vendorRecord?.backOfficeCode ?? null,
    vendorRecord: issuesRecord
      ? { known, number: vendorRecord?.number ?? null, referenceNumber: vendorRecord?.referenceNumber ?? null, vendorId: vendorRecord?.vendorId ?? null }
      : null,
    vendorAmount: vendorRecord?.amount || null,
    vendorCurrencyRatePeriod: vendorRecord?.currencyRatePeriod ?? null,
  };
}

/** Events for where the vendor's record differs from ours. */
function differences(posted: PaymentCancellation, paymentAmount: string, vendorRecord: VendorSuccess["cancellation"]): Events {
  const events: Events = [];
  if (vendorRecord?.amount && !new Decimal(vendorRecord.amount).eq(paymentAmount)) {
    events.push({ type: "VENDOR_AMOUNT_MISMATCH", detail: `the vendor cancelled ${vendorRecord.amount}; our payment's amount is ${paymentAmount}` });
  }
  if (vendorRecord?.currencyRatePeriod && !posted.currencyRatePeriodId) {
    events.push({ type: "VENDOR_RATE_PERIOD_KEPT", detail: "the vendor's currency rate period matches none of ours; it is kept as the vendor gave it" });
  }
  return events;
}

/**
 * Cancel: POSTED or WAITING_FOR_PAYMENT → CANCELLED. The payment cancellation (the payment's
 * amount, the rate period in force, the type, category and the given fields) is written PENDING
 * in phase 1 and completed POSTED with the vendor's own record in phase 3.
 */
export const cancelPayment: OperationDefinition<CancelPaymentCommand, PreparedCancellation, CancelPaymentSuccess, PaymentOperation.CANCEL> = {
  operation: PaymentOperation.CANCEL,
  command: CancelPaymentCommand,
  permission: Permission.PAYMENT_CANCEL,
  successTypename: "CancelPaymentSuccess",

  async prepare(stores, payment, input) {
    const type = await stores.reference.lookup(FinancialTransactionType, input.type);
    if (!type) return ReferenceNotFoundError.of("type", "financial transaction type");
    const category = input.category ? await stores.reference.lookup(FinancialTransactionCategory, input.category) : null;
    if (input.category && !category) return ReferenceNotFoundError.of("category", "financial transaction category");
    const backOfficeCode = input.backOfficeCode ?? null;
    // Unique per reseller owning the payment: codes of other tenants are neither visible nor taken.
    if (backOfficeCode && (await stores.cancellations.backOfficeCodeTaken(payment.resellerId, backOfficeCode))) {
      return DuplicateBackOfficeCodeError.of(backOfficeCode);
    }
    const userDefinedFields: Record<string, string> = {};
    for (const field of UDF_FIELDS as UdfField[]) {
      const value = input[field];
      if (value !== undefined && value !== null) userDefinedFields[field] = value;
    }
    const prepared: PreparedCancellation = {
      typeId: type.id,
      categoryId: category?.id ?? null,
      currencyRatePeriodId: await stores.reference.ratePeriodInForce(payment.currencyId),
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

  async writePending(stores, payment, prepared, operationId, rules) {
    // Our own numbers only where the vendor keeps no cancellation record of its own; never invented in its place.
    const ours = rules.issuesCancellationRecord ? null : (await stores.cancellations.nextOwnNumber()).padStart(6, "0");
    await stores.cancellations.writePending({
      paymentId: payment.id,
      vendorCode: payment.vendorCode,
      operationId,
      number: ours && `PC-${ours}`,
      referenceNumber: ours && `PCR-${ours}`,
      amount: payment.amount,
      financialTransactionTypeId: prepared.typeId,
      financialTransactionCategoryId: prepared.categoryId,
      currencyRatePeriodId: prepared.currencyRatePeriodId,
      notes: prepared.notes,
      backOfficeCode: prepared.backOfficeCode,
      issueReason: prepared.issueReason,
      userDefinedFields: prepared.userDefinedFields,
    });
  },

  async release(stores, operationId) {
    await stores.cancellations.releasePending(operationId);
  },

  async applySuccess(stores, payment, _prepared, details, operationId, rules) {
    const cancellation = await stores.cancellations.postOfOperation(operationId, postingFrom(rules.issuesCancellationRecord, details.cancellation));
    if (!cancellation) throw new Error(`the pending cancellation of operation ${operationId} was not found`);
    return { stored: { cancellationId: cancellation.id }, written: { cancellation }, events: differences(cancellation, payment.amount, details.cancellation) };
  },

  async loadSuccess(stores, stored, written) {
    return Object.assign(new CancelPaymentSuccess(), {
      payment: written?.payment ?? (await stores.payments.byId(stored.paymentId)),
      cancellation: written?.cancellation ?? (await stores.cancellations.byId(stored.cancellationId!)),
    });
  },
};
