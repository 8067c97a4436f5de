/**
 * ActivePlatform's cancel contract (shared/vendor-docs/activeplatform-cancel-reseller-payment.txt)
 * and the payment read it refers to. Errors are `{ "errors": { "title": ..., "status": "<http>" } }`.
 *
 * From the page: the path, headers, the 200 document and the two 422 titles. OUR ASSUMPTION:
 * the titles of 401, 404, 406, 415 and 500, and that `GET` of the same path reads the payment
 * (the page refers to "Get the Reseller's Payment information by ID"). Because the payment can be
 * read back, a refused repeat of a cancel is settled by the payment's status.
 */
export const JSON_API_MEDIA_TYPE = "application/vnd.api+json";

export const paymentPath = (resellerId: string, paymentId: string) =>
  `/api/v3/resellers/${encodeURIComponent(resellerId)}/payments/${encodeURIComponent(paymentId)}`;

export const PAYMENT_ROUTE = /^\/api\/v3\/resellers\/([^/]+)\/payments\/([^/]+)$/;

/** The two documented 422 titles, byte for byte. */
export const ACTIVEPLATFORM_TITLES = {
  wrongState: 'Only payments with "waiting for payment" status can be cancelled.',
  postpaid: "Only payments for prepaid payment model can be cancelled.",
  unauthorized: "Invalid or missing API token.",
  notFound: "Record not found.",
  notAcceptable: `Accept must include ${JSON_API_MEDIA_TYPE}.`,
  unsupportedMediaType: `Content-Type must be ${JSON_API_MEDIA_TYPE}.`,
  internal: "Internal server error.",
} as const;

/** The payment `status` of a cancelled payment. */
export const CANCELLED_STATUS = "cancelled";

/** The demo manager token the built-in emulator accepts: a platform manager that reaches every reseller. */
export const ACTIVEPLATFORM_DEMO_TOKEN = "ap_demo_platform_manager_token";
/** A second demo manager, of reseller 2 (Acme Europe): reaches resellers 2 and 3 only. */
export const ACTIVEPLATFORM_ACME_EUROPE_TOKEN = "ap_demo_acme_europe_manager_token";
