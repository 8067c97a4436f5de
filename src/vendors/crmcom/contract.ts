import type { JsonDecimal } from "../http/decimal-json";

/**
 * CRM.COM's payments/cancel and payments/reject (shared/vendor-docs/crmcom-payments-*.txt).
 *
 * From the pages: the bodies (`token`, identifiers giving exactly one field, the optional fields),
 * a back office code "should be unique", the answer `{ "status": { "code": "OK", ... }, "data" }`
 * with the payment and the created payment cancellation (POSTED), the Date type written with a
 * time and no zone (2014-07-14T17:06:14), amounts and rates as JSON numbers. The cancel page's
 * example answers the payment still POSTED after the cancel: that answer is a success.
 *
 * OUR ASSUMPTION, where the pages are silent (the emulator answers so; the adapter is tested
 * against other answers too):
 * - the base path (the pages give none: part of CRMCOM_BASE_URL) and 404 METHOD_NOT_FOUND;
 * - business errors with HTTP 200 and a status code other than "OK", internal errors HTTP 500
 *   with INTERNAL_ERROR, and every code below (the pages name only "OK");
 * - a cancel of a cancelled payment answers PAYMENT_ALREADY_CANCELLED, a reject of a rejected one
 *   PAYMENT_ALREADY_REJECTED (the emulator's `pageOnly` switch drops both: a repeated cancel is
 *   then taken again unless its back office code was used before);
 * - udf_date_N sent as the day alone, YYYY-MM-DD (the pages' Date is written with a time; the
 *   emulator takes either); a rate period's bounds read as calendar days, with or without a time;
 * - a date without a zone is UTC;
 * - the payment's currency_rate_period in the cancel answer (listed, not in the example), its id;
 * - the cancellation's numbers and ids (the emulator's never repeat across starts), its
 *   reference number, gateway reference `<payment's>-C`, issued_on equal to posted_on;
 * - rejection_reason_identifier optional (the reject page does not mark it mandatory);
 * - 502, 503 and 504 come from a gateway in front of CRM.COM, with a page that is not JSON.
 * CRM.COM gives no way to read a payment back: a cancel carries a back office code unique to the
 * operation (repeat safety "repeat-key"), a refusal of a repeat is never stored REFUSED.
 */
export const CRMCOM_PATHS = { cancel: "/payments/cancel", reject: "/payments/reject" } as const;

export const CRMCOM_OK = "OK";

/**
 * OUR ASSUMPTION, not CRM.COM's page: the pages name only "OK". These codes are what the built-in
 * emulator answers; the adapter reads them, but a real CRM.COM may answer other codes and words.
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
  /**
   * udf_string_1..8, udf_float_1..4 (JSON numbers written from the decimal text), udf_date_1..4
   * (YYYY-MM-DD: OUR ASSUMPTION, the page's Date type is written with a time).
   */
  [userDefinedField: `udf_${string}`]: string | JsonDecimal;
}

export interface CrmComRejectBody {
  token: string;
  payment_identifier: { id: string };
  rejection_reason_identifier?: { alternative_code: string };
}

/** The demo token the built-in emulator accepts (what CRM.COM's login method would return). */
export const CRMCOM_DEMO_TOKEN = "B8D7A12E9F91AFADE914B7330AFD08CB";
