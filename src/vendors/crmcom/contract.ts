/**
 * CRM.COM's payments/cancel and payments/reject (shared/vendor-docs/crmcom-payments-*.txt).
 * Every answer is `{ "status": { "code", "message", "description" }, "data": ... }`; business
 * errors come with HTTP 200 and a status code other than "OK", internal errors with HTTP 500.
 */
export const CRMCOM_PATHS = { cancel: "/payments/cancel", reject: "/payments/reject" } as const;

export const CRMCOM_OK = "OK";

/** The status codes the emulator answers (the pages name only "OK"). */
export const CRMCOM_CODES = {
  invalidToken: "INVALID_TOKEN",
  missingParameter: "MISSING_PARAMETER",
  invalidParameter: "INVALID_PARAMETER",
  invalidIdentifier: "INVALID_IDENTIFIER",
  paymentNotFound: "PAYMENT_NOT_FOUND",
  invalidPaymentState: "INVALID_PAYMENT_STATE",
  postpaidPayment: "POSTPAID_PAYMENT",
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
  back_office_code?: string;
  issue_reason?: string;
  /** udf_string_1..8, udf_float_1..4 (decimal strings, never floats), udf_date_1..4 (YYYY-MM-DD). */
  [userDefinedField: `udf_${string}`]: string;
}

export interface CrmComRejectBody {
  token: string;
  payment_identifier: { id: string };
  rejection_reason_identifier?: { alternative_code: string };
}

/** The demo token the built-in emulator accepts (what CRM.COM's login method would return). */
export const CRMCOM_DEMO_TOKEN = "B8D7A12E9F91AFADE914B7330AFD08CB";
