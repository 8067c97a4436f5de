/**
 * ConvergeGate's void contract (shared/vendor-docs/convergegate-void-payment.txt).
 *
 * From the page: the path, the bearer shop API key, the id pattern, "only a payment in AUTHORIZED
 * state can be voided" and it becomes CANCELLED, and the 200 "Payment response" (`result.id`: the
 * gateway's payment id, which identifies the payment; `result.referenceId`: the merchant's own
 * reference, "payment-123", nothing says ours; amounts as JSON numbers).
 *
 * OUR ASSUMPTION, where the page is silent (the emulator answers so; the adapter is tested
 * against other answers too):
 * - a void's 200 shows the payment after the void, `state` CANCELLED (the page's example shows a
 *   PENDING payment: that answer is read as unknown, never as a success or a refusal);
 * - `referenceId` is `payment-<number>` in the emulator: never compared with our reference;
 * - every error answer below: its shape `{ "timestamp", "status": <http>, "errorCode",
 *   "errorMessage" }`, statuses, codes and words, including 409 PAYMENT_ALREADY_CANCELLED for a
 *   repeated void (the emulator's `pageOnly` switch answers INVALID_PAYMENT_STATE instead);
 * - 502, 503 and 504 come from a gateway in front of ConvergeGate, with a page that is not JSON.
 * The page gives no way to read a payment back: a refusal of a repeat after an unknown outcome is
 * never stored REFUSED (repeat safety "state-transition").
 */
export const PAYMENT_ID_PATTERN = /^[a-zA-Z0-9]{32}$/;

export const voidPath = (vendorPaymentId: string) => `/api/v1/payments/${encodeURIComponent(vendorPaymentId)}/void`;

export const CONVERGEGATE_GATEWAY_NAME = "ConvergeGate";

export const CONVERGEGATE_ERRORS = {
  unauthorized: { status: 401, code: "UNAUTHORIZED", message: "Invalid or missing shop API key" },
  invalidPaymentId: { status: 400, code: "INVALID_PAYMENT_ID", message: "Payment id must be 32 letters or digits" },
  notFound: { status: 404, code: "PAYMENT_NOT_FOUND", message: "Payment not found" },
  wrongState: { status: 409, code: "INVALID_PAYMENT_STATE", message: "Only a payment in AUTHORIZED state can be voided" },
  alreadyCancelled: { status: 409, code: "PAYMENT_ALREADY_CANCELLED", message: "Payment is already CANCELLED" },
  internal: { status: 500, code: "INTERNAL_ERROR", message: "Internal server error" },
} as const;

/** The demo shop API key the built-in emulator accepts. */
export const CONVERGEGATE_DEMO_API_KEY = "cg_demo_shop_key_0123456789abcdef";
