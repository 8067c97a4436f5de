import type { VendorHttpResponse } from "../http/vendor-http";
import { parseVendorTimestamp } from "../http/vendor-dates";
import { isJsonObject, objectField, textField } from "../http/vendor-json";
import { invalidRequest, refused, unknownOutcome } from "../vendor-outcomes";
import type { VoidRequest, VendorOutcome } from "../vendor-service";
import { PLANOCORE_MESSAGES, PLANOCORE_STATUS_HTTP, type PlanoCoreStatus, type PlanoCoreVoidBody } from "./contract";

const INTEGER_ID = /^[1-9]\d{0,15}$/;

/** Our void as PlanoCore's body; an id that is not a PlanoCore integer id is refused, never sent. */
export function toVoidBody(
  request: VoidRequest,
  credentials: { token: string; application: string | null },
): { body: PlanoCoreVoidBody } | { refusal: VendorOutcome } {
  const id = request.payment.vendorPaymentId;
  if (!INTEGER_ID.test(id) || !Number.isSafeInteger(Number(id))) {
    return { refusal: invalidRequest("PlanoCore payment ids are whole numbers; this payment's id is not") };
  }
  const body: PlanoCoreVoidBody = { id: Number(id), token: credentials.token };
  if (credentials.application) body.application = credentials.application;
  return { body };
}

type StatusMeaning = "success" | "refused" | "unknown";

/**
 * What each named status means for a void. Unknown: the void may have happened (a crash or the
 * e-mail step failing after it) or a later retry can help (a route still being deployed).
 */
export const PLANOCORE_STATUS_MEANING: Readonly<Record<PlanoCoreStatus, StatusMeaning>> = {
  "action-successful": "success",
  "invalid-token": "refused",
  "session-expired": "refused",
  "client-required": "refused",
  "missing-param": "refused",
  "invalid-param": "refused",
  "application-crash": "unknown",
  "mandrill-email-failed": "unknown",
  "invalid-content-type": "refused",
  "route-non-existent": "refused",
  "no-params-decoded": "refused",
  "invalid-encoded-params": "refused",
  "route-not-found": "unknown",
  "identify-request-error": "unknown",
  "service-not-found": "unknown",
};

function isPlanoCoreStatus(name: string | null): name is PlanoCoreStatus {
  return name !== null && Object.prototype.hasOwnProperty.call(PLANOCORE_STATUS_HTTP, name);
}

/** invalid-param is also how PlanoCore says the payment is in the wrong state; its message tells which. */
function refusalOf(status: PlanoCoreStatus, message: string): VendorOutcome {
  if (status === "invalid-param" && message === PLANOCORE_MESSAGES.notPending) return refused("WRONG_STATE", status, message);
  if (status === "invalid-param" && message === PLANOCORE_MESSAGES.alreadyVoided) return refused("ALREADY_DONE", status, message);
  return refused("OTHER", status, message);
}

export function fromVoidAnswer({ status: httpStatus, body }: VendorHttpResponse): VendorOutcome {
  const answer = isJsonObject(body) ? body : undefined;
  const name = textField(answer, "status");
  if (!isPlanoCoreStatus(name)) {
    return unknownOutcome(httpStatus >= 500 ? `vendor error (HTTP ${httpStatus})` : `unrecognised answer (HTTP ${httpStatus})`);
  }
  const message = textField(answer, "message") ?? name;
  switch (PLANOCORE_STATUS_MEANING[name]) {
    case "success": {
      const payment = objectField(objectField(answer, "data"), "payment");
      return { kind: "succeeded", details: { closedAt: parseVendorTimestamp(textField(payment, "voided_at")) } };
    }
    case "refused":
      return refusalOf(name, message);
    case "unknown":
      return unknownOutcome(`PlanoCore ${name}: ${message}`);
  }
}
