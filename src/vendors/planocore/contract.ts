/**
 * PlanoCore's void contract (shared/vendor-docs/planocore-payments-void.txt).
 *
 * From the page: the parameters (`id` an integer, `token`, `application` one of three slugs), the
 * named statuses with the HTTP status of each common one, and that a void voids a pending payment.
 *
 * OUR ASSUMPTION, where the page is silent (the emulator answers so; the adapter is tested
 * against other answers too):
 * - every answer's body `{ "status": "<named status>", "message": "<text>", "data": { ... } }`,
 *   with `data.payment` `{ id, status: "voided", amount, currency, voided_at }` on success;
 * - the void path (the page gives none: PLANOCORE_VOID_PATH, default below);
 * - the HTTP statuses of the "Uncommon" statuses (the page gives none): no-params-decoded and
 *   invalid-encoded-params 400, route-not-found and service-not-found 404, identify-request-error 500;
 * - the two invalid-param messages below that tell a wrong state and a repeated void apart (the
 *   emulator's `pageOnly` switch answers a repeat with a plain "Param id is invalid.");
 * - 502, 503 and 504 come from a gateway in front of PlanoCore, with a page that is not JSON.
 * route-non-existent, though HTTP 500, is read as a refusal: the page says the route does not
 * exist, so nothing was voided. The page gives no way to read a payment back: a refusal of a
 * repeat after an unknown outcome is never stored REFUSED (repeat safety "state-transition").
 */
export const PLANOCORE_STATUS_HTTP = {
  "action-successful": 200,
  "invalid-token": 401,
  "session-expired": 401,
  "client-required": 401,
  "missing-param": 400,
  "invalid-param": 400,
  "application-crash": 500,
  "mandrill-email-failed": 500,
  "invalid-content-type": 400,
  "route-non-existent": 500,
  "no-params-decoded": 400,
  "invalid-encoded-params": 400,
  "route-not-found": 404,
  "identify-request-error": 500,
  "service-not-found": 404,
} as const;

export type PlanoCoreStatus = keyof typeof PLANOCORE_STATUS_HTTP;

export const PLANOCORE_STATUSES = Object.keys(PLANOCORE_STATUS_HTTP) as PlanoCoreStatus[];

/** The invalid-param messages that say why a known payment cannot be voided. */
export const PLANOCORE_MESSAGES = {
  notPending: "Only a pending payment can be voided.",
  alreadyVoided: "Payment has already been voided.",
} as const;

/** The application slugs PlanoCore documents for `application`. */
export const PLANOCORE_APPLICATIONS = ["planoauth", "planoorder", "planox2"] as const;

/** The request body: `id` is PlanoCore's integer payment id, sent as a JSON number. */
export interface PlanoCoreVoidBody {
  id: number;
  token: string;
  application?: string;
}

/** The demo application token the built-in emulator accepts. */
export const PLANOCORE_DEMO_TOKEN = "pc_demo_application_token_7f3a";
/** Tokens the emulator knows as an expired session and as a user without a client record. */
export const PLANOCORE_EXPIRED_SESSION_TOKEN = "pc_demo_expired_session";
export const PLANOCORE_NO_CLIENT_TOKEN = "pc_demo_session_without_client";

/** PlanoCore's page gives no path for the void route; this is the default (PLANOCORE_VOID_PATH). */
export const DEFAULT_PLANOCORE_VOID_PATH = "/api/v1/payments/void";
