/**
 * ConvergeGate's void contract (shared/vendor-docs/convergegate-void-payment.txt). The page
 * documents only the 200 "Payment response" (`result.id`: the gateway's payment id;
 * `result.referenceId`: the merchant's reference; `result.state`).
 *
 * OUR ASSUMPTION, not ConvergeGate's page: every error answer below (shape
 * `{ "timestamp", "status": <http>, "errorCode", "errorMessage" }`, codes and words), including
 * 409 PAYMENT_ALREADY_CANCELLED for a repeated void. A real gateway may answer otherwise; the
 * page gives no way to read a payment back, so a refusal of a repeat (after an unknown outcome)
 * is never stored as REFUSED: the operation needs attention instead.
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
