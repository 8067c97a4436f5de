import type { JsonDecimal } from "../http/decimal-json";

/**
 * CRM.COM's payments/cancel and payments/reject (shared/vendor-docs/crmcom-payments-*.txt).
 * Every answer is `{ "status": { "code", "message", "description" }, "data": ... }`; business
 * errors come with HTTP 200 and a status code other than "OK", internal errors with HTTP 500.
 */
export const CRMCOM_PATHS = { cancel: "/payments/cancel", reject: "/payments/reject" } as const;

export const CRMCOM_OK = "OK";

/**
 * OUR ASSUMPTION, not CRM.COM's page: the pages name only "OK". These codes are what the built-in
 * emulator answers; the adapter reads them, but a real CRM.COM may answer other codes and words.
 * That is why a refusal of a repeat (after an unknown outcome) is never stored as REFUSED: CRM.COM
 * has no documented way to read a payment back, so such an operation needs attention instead.
 * Also assumed: HTTP 500 with INTERNAL_ERROR for internal errors, and the repeat of a done cancel
 * answering PAYMENT_ALREADY_CANCELLED (no cancellation record in it).
 */
export const CRMCOM_CODES = {
  invalidToken: "INVALID_TOKEN",
  missingParameter: "MISSING_PARAMETER",
  invalidParameter: "INVALID_PARAMETER",
  invalidIdentifier: "INVALID_IDENTIFIER",
  paymentNotFound: "PAYMENT_NOT_FOUND",
  invalidPaymentState: "INVALID_PAYMENT_STATE",
  alreadyCancelled: "PAYMENT_ALREADY_CANCELLED",
  alreadyRejected: "PAYMENT_ALREADY_REJECTED",
  duplicateBackOfficeCode: "DUPLICATE_BACK_OFFICE_CODE",
  internalError: "INTERNAL_ERROR",
} as const;

export interface CrmComCancelBody {
  token: string;
  payment_identifier: { id: string };
  type_identifier: { alternative_code: string };
  category_identifier?: { code: string };
  notes?: string;
  /** Always sent: the caller's, or one derived from our operation id (repeat-key.ts). */
  back_office_code: string;
  issue_reason?: string;
  /** udf_string_1..8, udf_float_1..4 (JSON numbers written from the decimal text), udf_date_1..4 (YYYY-MM-DD). */
  [userDefinedField: `udf_${string}`]: string | JsonDecimal;
}

export interface CrmComRejectBody {
  token: string;
  payment_identifier: { id: string };
  rejection_reason_identifier?: { alternative_code: string };
}

/** The demo token the built-in emulator accepts (what CRM.COM's login method would return). */
export const CRMCOM_DEMO_TOKEN = "B8D7A12E9F91AFADE914B7330AFD08CB";
