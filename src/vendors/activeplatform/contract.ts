/**
 * ActivePlatform's cancel contract (shared/vendor-docs/activeplatform-cancel-reseller-payment.txt)
 * and the payment read it refers to. Errors are `{ "errors": { "title": ..., "status": "<http>" } }`.
 *
 * From the page: the path, headers, the reach of a manager's token, the 200 document (status
 * "cancelled", closed_at with microseconds and an offset without colon) and the two 422 titles.
 *
 * OUR ASSUMPTION, where the page is silent (the emulator answers so; the adapter is tested
 * against other answers too):
 * - `GET` of the same path reads the payment (the page refers to "Get the Reseller's Payment
 *   information by ID" without giving it), answering the same document;
 * - the payment `status` names other than "cancelled" ("waiting_for_payment", "paid", ...);
 * - 401, 404 (also for a reseller outside the token's reach), 405, 406 for an Accept without the
 *   JSON:API media type, 415 for another Content-Type, and 500, with the titles below;
 * - a repeated cancel meets the wrong-state 422, like any payment not waiting for payment;
 * - 502, 503 and 504 come from a gateway in front of ActivePlatform, with a page that is not JSON.
 * Because the payment can be read back, a refused repeat is settled by its status; a read that
 * fails leaves the outcome unknown (repeat safety "read-back").
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
