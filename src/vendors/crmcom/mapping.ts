import { PaymentOperation } from "../../domain/payment-operation";
import type { VendorHttpResponse } from "../http/vendor-http";
import { parseVendorTimestamp, vendorDay } from "../http/vendor-dates";
import { AMOUNT_COLUMN, RATE_COLUMN, storableDecimal } from "../http/vendor-decimals";
import { isJsonObject, objectField, textField, UnreadableVendorValue, type JsonObject } from "../http/vendor-json";
import { invalidRequest, refused, unknownOutcome } from "../vendor-outcomes";
import type { CancelRequest, RejectRequest, VendorOutcome, VendorRatePeriodAnswer, VendorRefusalReason, VendorSuccess } from "../vendor-service";
import { JsonDecimal } from "../http/decimal-json";
import { CRMCOM_CODES, CRMCOM_OK, type CrmComCancelBody, type CrmComRejectBody } from "./contract";
import { cancelBackOfficeCode } from "./repeat-key";

const UDF_KEY = /^udf(String|Float|Date)([1-8])$/;
const UDF_LIMIT = { String: 8, Float: 4, Date: 4 } as const;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Mapped<T> = { body: T } | { refusal: VendorOutcome };

/**
 * udfString1 -> udf_string_1 ...; CRM.COM types udf_float_* as Float: they are sent as JSON
 * numbers written from the decimal text, digit for digit (JsonDecimal), never through a float.
 */
function userDefinedFields(fields: Record<string, string>): Record<`udf_${string}`, string | JsonDecimal> | string {
  const mapped: Record<`udf_${string}`, string | JsonDecimal> = {};
  for (const [key, value] of Object.entries(fields)) {
    const match = UDF_KEY.exec(key);
    if (!match || Number(match[2]) > UDF_LIMIT[match[1] as keyof typeof UDF_LIMIT]) return `unknown user defined field ${key}`;
    if (match[1] === "Float" && !DECIMAL.test(value)) return `${key} must be a decimal number`;
    if (match[1] === "Date" && !DATE.test(value)) return `${key} must be a date (YYYY-MM-DD)`;
    mapped[`udf_${match[1].toLowerCase()}_${match[2]}`] = match[1] === "Float" ? new JsonDecimal(value) : value;
  }
  return mapped;
}

export function toCancelBody(request: CancelRequest, token: string): Mapped<CrmComCancelBody> {
  const { cancellation } = request;
  const udfs = userDefinedFields(cancellation.userDefinedFields);
  if (typeof udfs === "string") return { refusal: invalidRequest(udfs) };
  const body: CrmComCancelBody = {
    token,
    payment_identifier: { id: request.payment.vendorPaymentId },
    type_identifier: { alternative_code: cancellation.type.alternativeCode },
    back_office_code: cancelBackOfficeCode(request),
  };
  if (cancellation.category) body.category_identifier = { code: cancellation.category.code };
  if (cancellation.notes !== null) body.notes = cancellation.notes;
  if (cancellation.issueReason !== null) body.issue_reason = cancellation.issueReason;
  return { body: Object.assign(body, udfs) };
}

export function toRejectBody(request: RejectRequest, token: string): { body: CrmComRejectBody } {
  const body: CrmComRejectBody = { token, payment_identifier: { id: request.payment.vendorPaymentId } };
  const reason = request.rejection.reason;
  if (reason) body.rejection_reason_identifier = { alternative_code: reason.alternativeCode };
  return { body };
}

/** What a code means: a refusal, an unknown outcome, or "already done" for the operation it repeats (a refusal for the other). */
export type CrmComCodeMeaning = Exclude<VendorRefusalReason, "ALREADY_DONE" | "POSTPAID"> | "unknown" | { alreadyDoneFor: PaymentOperation };

/** Every code of the contract and what it means; a code outside the contract is a refusal (OTHER). */
export const CRMCOM_CODE_MEANING: Readonly<Record<keyof typeof CRMCOM_CODES, CrmComCodeMeaning>> = {
  invalidToken: "OTHER",
  missingParameter: "OTHER",
  invalidParameter: "OTHER",
  invalidIdentifier: "OTHER",
  paymentNotFound: "OTHER",
  invalidPaymentState: "WRONG_STATE",
  alreadyCancelled: { alreadyDoneFor: PaymentOperation.CANCEL },
  alreadyRejected: { alreadyDoneFor: PaymentOperation.REJECT },
  duplicateBackOfficeCode: "OTHER",
  internalError: "unknown",
};

const MEANING_BY_CODE = new Map<string, CrmComCodeMeaning>(
  (Object.keys(CRMCOM_CODES) as Array<keyof typeof CRMCOM_CODES>).map((name) => [CRMCOM_CODES[name], CRMCOM_CODE_MEANING[name]]),
);

function gatewayOf(record: JsonObject | undefined): Pick<VendorSuccess, "gatewayName" | "gatewayReferenceNumber"> {
  return {
    gatewayName: textField(record, "processed_by_payment_gateway"),
    gatewayReferenceNumber: textField(record, "payment_gateway_reference_number"),
  };
}

/** The payment's currency_rate_period, with its currency: rates within our columns, bounds as calendar days. */
function ratePeriodOf(payment: JsonObject | undefined): VendorRatePeriodAnswer | null {
  const period = objectField(payment, "currency_rate_period");
  if (!period) return null;
  const field = (name: string) => `payment.currency_rate_period.${name}`;
  return {
    id: textField(period, "id"),
    rate: storableDecimal(period.rate, field("rate"), RATE_COLUMN),
    inverseRate: storableDecimal(period.inverse_rate, field("inverse_rate"), RATE_COLUMN),
    fromDate: vendorDay(textField(period, "from_date"), field("from_date")),
    toDate: vendorDay(textField(period, "to_date"), field("to_date")),
    currencyCode: textField(objectField(period, "currency"), "code"),
  };
}

/**
 * A cancel's success: the payment (shown still POSTED in the page's example: that is a success
 * too) and the cancellation it created, with the back office code it was sent with.
 */
function successOf(operation: PaymentOperation, data: unknown, backOfficeCode: string | null): VendorOutcome {
  const answer = isJsonObject(data) ? data : undefined;
  if (operation === PaymentOperation.REJECT) return { kind: "succeeded", details: gatewayOf(answer) };
  const payment = objectField(answer, "payment");
  const cancellation = objectField(answer, "payment_cancellation");
  const details: VendorSuccess = { ...gatewayOf(payment), cancellation: { backOfficeCode } };
  if (cancellation) {
    details.cancellation = {
      vendorId: textField(cancellation, "id"),
      number: textField(cancellation, "number"),
      referenceNumber: textField(cancellation, "reference_number"),
      issuedOn: parseVendorTimestamp(textField(cancellation, "issued_on")),
      postedOn: parseVendorTimestamp(textField(cancellation, "posted_on")),
      amount: storableDecimal(cancellation.payment_amount, "payment_cancellation.payment_amount", AMOUNT_COLUMN),
      ...gatewayOf(cancellation),
      backOfficeCode,
      currencyRatePeriod: ratePeriodOf(payment),
    };
  }
  return { kind: "succeeded", details };
}

/** CRM.COM's answer to one operation; `backOfficeCode` is the code a cancel was sent with. */
export function fromAnswer(operation: PaymentOperation, { status, body }: VendorHttpResponse, backOfficeCode: string | null = null): VendorOutcome {
  if (status >= 500) return unknownOutcome(`vendor error (HTTP ${status})`);
  const answer = isJsonObject(body) ? body : undefined;
  const code = textField(objectField(answer, "status"), "code");
  if (code === null) return unknownOutcome(`unrecognised answer (HTTP ${status})`);
  if (code === CRMCOM_OK) {
    try {
      return successOf(operation, answer?.data, backOfficeCode);
    } catch (error) {
      if (error instanceof UnreadableVendorValue) return unknownOutcome(`unreadable answer: ${error.message}`);
      throw error;
    }
  }
  const statusObject = objectField(answer, "status");
  const message = textField(statusObject, "message") ?? textField(statusObject, "description") ?? code;
  const meaning = MEANING_BY_CODE.get(code) ?? "OTHER";
  if (meaning === "unknown") return unknownOutcome(`CRM.COM ${code}: ${message}`);
  if (typeof meaning === "object") return refused(meaning.alreadyDoneFor === operation ? "ALREADY_DONE" : "OTHER", code, message);
  return refused(meaning, code, message);
}
