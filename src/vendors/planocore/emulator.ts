import { PLANOCORE_DEMO_PAYMENTS } from "./demo";
import { PaymentState } from "../../domain/enums";
import { JsonDecimal } from "../http/decimal-json";
import { isJsonObject } from "../http/vendor-json";
import { startVendorEmulator, type EmulatorAnswer, type EmulatorOptions, type VendorApi, type VendorEmulator } from "../emulator/vendor-emulator";
import { DEFAULT_PLANOCORE_VOID_PATH } from "./contract";
import {
  PLANOCORE_APPLICATIONS,
  PLANOCORE_DEMO_TOKEN,
  PLANOCORE_EXPIRED_SESSION_TOKEN,
  PLANOCORE_MESSAGES,
  PLANOCORE_NO_CLIENT_TOKEN,
  PLANOCORE_STATUS_HTTP,
  type PlanoCoreStatus,
} from "./contract";

function answer(status: PlanoCoreStatus, message: string, data: Record<string, unknown> = {}, applied = false): EmulatorAnswer {
  return { status: PLANOCORE_STATUS_HTTP[status], body: { status, message, data }, applied };
}

function planoCoreApi(token: string, voidPath: string): VendorApi {
  return {
    vendor: "planocore",
    paymentIdOf: (request) =>
      isJsonObject(request.body) && Number.isInteger(request.body.id) ? String(request.body.id) : undefined,
    serverError: (status) => ({
      status,
      body: { status: "application-crash", message: "Internal server error. Please try again later.", data: {} },
    }),
    handle(request, payments, faults) {
      if (request.method !== "POST" || request.path !== voidPath) return answer("route-non-existent", "Route does not exist.");
      if (!(request.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
        return answer("invalid-content-type", "Request params could not be read: send application/json.");
      }
      const params = request.body;
      if (!isJsonObject(params)) return answer("invalid-encoded-params", "Request body could not be decoded.");
      if (Object.keys(params).length === 0) return answer("no-params-decoded", "No params were found in the request body.");
      if (params.token === undefined) return answer("missing-param", "Missing param: token.", { param: "token" });
      if (params.id === undefined) return answer("missing-param", "Missing param: id.", { param: "id" });
      if (params.token === PLANOCORE_EXPIRED_SESSION_TOKEN) return answer("session-expired", "Session has expired. Please log in again.");
      if (params.token === PLANOCORE_NO_CLIENT_TOKEN) {
        return answer("client-required", "User has no client, employee or liaison record.", { session: { expired: false } });
      }
      if (params.token !== token) return answer("invalid-token", "Authentication token is invalid.");
      if (typeof params.id !== "number" || !Number.isInteger(params.id)) {
        return answer("invalid-param", "Param id must be an integer.", { param: "id" });
      }
      if (params.application !== undefined && !(PLANOCORE_APPLICATIONS as readonly unknown[]).includes(params.application)) {
        return answer("invalid-param", "Param application is not a known application.", { param: "application" });
      }
      const payment = payments.get(String(params.id));
      if (!payment) return answer("invalid-param", `No payment with id ${params.id}.`, { param: "id" });
      if (payment.state === PaymentState.CANCELLED && !faults.pageOnly) return answer("invalid-param", PLANOCORE_MESSAGES.alreadyVoided, { param: "id" });
      if (payment.state === PaymentState.CANCELLED) return answer("invalid-param", "Param id is invalid.", { param: "id" });
      if (payment.state !== PaymentState.PENDING) return answer("invalid-param", PLANOCORE_MESSAGES.notPending, { param: "id" });
      payment.state = PaymentState.CANCELLED;
      payment.closedAt = new Date().toISOString();
      const voided = { id: params.id, status: "voided", amount: new JsonDecimal(payment.amount), currency: payment.currencyCode, voided_at: payment.closedAt };
      return answer("action-successful", "Payment voided.", { payment: voided }, true);
    },
  };
}

/** Starts the PlanoCore emulator (default: PlanoCore's demo payments, demo token, default void path). */
export function startPlanoCoreEmulator(options: EmulatorOptions & { token?: string; voidPath?: string } = {}): Promise<VendorEmulator> {
  const token = options.token ?? PLANOCORE_DEMO_TOKEN;
  const api = planoCoreApi(token, options.voidPath ?? DEFAULT_PLANOCORE_VOID_PATH);
  return startVendorEmulator(api, token, PLANOCORE_DEMO_PAYMENTS, options);
}
