import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { PaymentOperation } from "../../src/domain/payment-operation";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import {
  PLANOCORE_EXPIRED_SESSION_TOKEN,
  PLANOCORE_NO_CLIENT_TOKEN,
  PLANOCORE_STATUSES,
  PLANOCORE_STATUS_HTTP,
} from "../../src/vendors/planocore/contract";
import { startPlanoCoreEmulator } from "../../src/vendors/planocore/emulator";
import { fromVoidAnswer } from "../../src/vendors/planocore/mapping";
import { createPlanoCoreService } from "../../src/vendors/planocore/planocore-vendor-service";
import { FAST, demoPayments, operationRequest } from "./vendor-test-kit";

const voidRequest = (vendorPaymentId: string) => operationRequest(PaymentOperation.VOID, { vendorPaymentId });

describe("PlanoCore void", () => {
  let emulator: VendorEmulator;
  const service = (options: { token?: string; application?: string; voidPath?: string } = {}) =>
    createPlanoCoreService({ baseUrl: emulator.baseUrl, token: emulator.secret, ...FAST, ...options });

  beforeAll(async () => {
    emulator = await startPlanoCoreEmulator();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it("posts { id, token, application } as JSON to the default void path, id as a JSON number", async () => {
    const [payment] = demoPayments("planocore", PaymentState.PENDING, PaymentModel.PREPAID);
    const outcome = await service({ application: "planoorder" }).perform(voidRequest(payment.vendorPaymentId));

    expect(outcome.kind).toBe("succeeded");
    expect(outcome.kind === "succeeded" && outcome.details.closedAt).toBeInstanceOf(Date);
    const sent = emulator.lastRequest()!;
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/api/v1/payments/void");
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(sent.bodyText).toBe(`{"id":${payment.vendorPaymentId},"token":"${emulator.secret}","application":"planoorder"}`);
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.CANCELLED);
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
  });

  it("leaves application out when none is configured", async () => {
    const [, payment] = demoPayments("planocore", PaymentState.PENDING, PaymentModel.PREPAID);
    expect((await service().perform(voidRequest(payment.vendorPaymentId))).kind).toBe("succeeded");
    expect(emulator.lastRequest()!.body).toEqual({ id: Number(payment.vendorPaymentId), token: emulator.secret });
  });

  it("answers ALREADY_DONE when the void is repeated, or the payment was voided before", async () => {
    const [, payment] = demoPayments("planocore", PaymentState.PENDING, PaymentModel.PREPAID);
    expect(await service().perform(voidRequest(payment.vendorPaymentId))).toEqual({
      kind: "refused",
      reason: "ALREADY_DONE",
      vendorCode: "invalid-param",
      vendorMessage: "Payment has already been voided.",
    });
    const [cancelled] = demoPayments("planocore", PaymentState.CANCELLED);
    expect(await service().perform(voidRequest(cancelled.vendorPaymentId))).toMatchObject({ reason: "ALREADY_DONE" });
  });

  it("by its page alone, a repeated void is an invalid-param refusal (OTHER): never ALREADY_DONE", async () => {
    const [cancelled] = demoPayments("planocore", PaymentState.CANCELLED);
    emulator.setFaults({ pageOnly: true });
    try {
      expect(await service().perform(voidRequest(cancelled.vendorPaymentId))).toEqual({ kind: "refused", reason: "OTHER", vendorCode: "invalid-param", vendorMessage: "Param id is invalid." });
    } finally {
      emulator.clearFaults();
    }
  });

  it.each([PaymentState.AUTHORIZED, PaymentState.POSTED, PaymentState.PENDING_VERIFICATION])("refuses a %s payment as WRONG_STATE", async (state) => {
    const [payment] = demoPayments("planocore", state);
    expect(await service().perform(voidRequest(payment.vendorPaymentId))).toEqual({
      kind: "refused",
      reason: "WRONG_STATE",
      vendorCode: "invalid-param",
      vendorMessage: "Only a pending payment can be voided.",
    });
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(state);
  });

  it("refuses an unknown payment with OTHER", async () => {
    expect(await service().perform(voidRequest("99999999"))).toEqual({
      kind: "refused",
      reason: "OTHER",
      vendorCode: "invalid-param",
      vendorMessage: "No payment with id 99999999.",
    });
  });

  it.each([
    ["a wrong token", "wrong-token-value", "invalid-token"],
    ["an expired session", PLANOCORE_EXPIRED_SESSION_TOKEN, "session-expired"],
    ["a session without a client", PLANOCORE_NO_CLIENT_TOKEN, "client-required"],
  ])("refuses %s with OTHER and never repeats the token", async (_, token, status) => {
    const [payment] = demoPayments("planocore", PaymentState.PENDING, PaymentModel.POSTPAID);
    const outcome = await service({ token }).perform(voidRequest(payment.vendorPaymentId));
    expect(outcome).toMatchObject({ kind: "refused", reason: "OTHER", vendorCode: status });
    expect(JSON.stringify(outcome)).not.toContain(token);
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.PENDING);
  });

  it("refuses an application PlanoCore does not know with OTHER", async () => {
    const [payment] = demoPayments("planocore", PaymentState.PENDING, PaymentModel.POSTPAID);
    expect(await service({ application: "planowhat" }).perform(voidRequest(payment.vendorPaymentId))).toMatchObject({
      reason: "OTHER",
      vendorCode: "invalid-param",
    });
  });

  it("refuses a wrong void path as route-non-existent (OTHER)", async () => {
    const [payment] = demoPayments("planocore", PaymentState.PENDING, PaymentModel.POSTPAID);
    expect(await service({ voidPath: "/api/v9/void" }).perform(voidRequest(payment.vendorPaymentId))).toMatchObject({
      kind: "refused",
      reason: "OTHER",
      vendorCode: "route-non-existent",
    });
  });

  it.each(["12a", "-5", "1.5", "99999999999999999999"])("refuses the non-integer id %p without sending anything", async (id) => {
    const before = emulator.callCount();
    expect(await service().perform(voidRequest(id))).toMatchObject({ kind: "refused", reason: "OTHER", vendorCode: "invalid-request" });
    expect(emulator.callCount()).toBe(before);
  });
});

describe("PlanoCore with a configured void path", () => {
  it("posts to the configured path", async () => {
    const emulator = await startPlanoCoreEmulator({
      voidPath: "/planocore/payments/void",
      payments: [{ vendorPaymentId: "123", lifeCycleState: PaymentState.PENDING, paymentModel: PaymentModel.PREPAID }],
    });
    try {
      const service = createPlanoCoreService({ baseUrl: emulator.baseUrl, token: emulator.secret, voidPath: "/planocore/payments/void", ...FAST });
      expect((await service.perform(voidRequest("123"))).kind).toBe("succeeded");
      expect(emulator.lastRequest()!.path).toBe("/planocore/payments/void");
    } finally {
      await emulator.stop();
    }
  });
});

describe("PlanoCore statuses the emulator produces for malformed requests", () => {
  let emulator: VendorEmulator;
  beforeAll(async () => {
    emulator = await startPlanoCoreEmulator();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  async function post(body: string, contentType = "application/json", path = "/api/v1/payments/void") {
    const response = await fetch(`${emulator.baseUrl}${path}`, { method: "POST", headers: { "Content-Type": contentType }, body });
    const answer = { status: response.status, body: (await response.json()) };
    return { answer, outcome: fromVoidAnswer(answer) };
  }

  it.each([
    ["missing-param", 400, JSON.stringify({ id: 70009 }), "application/json", "/api/v1/payments/void"],
    ["invalid-param", 400, JSON.stringify({ id: "70009", token: "pc_demo_application_token_7f3a" }), "application/json", "/api/v1/payments/void"],
    ["invalid-content-type", 400, "id=70009", "application/x-www-form-urlencoded", "/api/v1/payments/void"],
    ["no-params-decoded", 400, "{}", "application/json", "/api/v1/payments/void"],
    ["invalid-encoded-params", 400, "eyJpZCI6MX0=", "application/json", "/api/v1/payments/void"],
    ["route-non-existent", 500, "{}", "application/json", "/api/v1/payments/nothing"],
  ])("answers %s (HTTP %i), which maps to a refusal", async (status, http, body, contentType, path) => {
    const { answer, outcome } = await post(body, contentType, path);
    expect(answer.status).toBe(http);
    expect(answer.body).toMatchObject({ status, message: expect.any(String), data: expect.any(Object) });
    expect(outcome).toMatchObject({ kind: "refused", reason: "OTHER", vendorCode: status });
  });

  it("answers application-crash on an internal error, which maps to unknown", async () => {
    emulator.setFaults({ failWith5xx: 500 });
    const { answer, outcome } = await post(JSON.stringify({ id: 70009, token: emulator.secret }));
    emulator.clearFaults();
    expect(answer).toMatchObject({ status: 500, body: { status: "application-crash" } });
    expect(outcome.kind).toBe("unknown");
  });
});

describe("PlanoCore status table", () => {
  /** The documented decision for every named status (the table of docs/vendors/planocore.md). */
  const EXPECTED: Record<string, "succeeded" | "OTHER" | "unknown"> = {
    "action-successful": "succeeded",
    "invalid-token": "OTHER",
    "session-expired": "OTHER",
    "client-required": "OTHER",
    "missing-param": "OTHER",
    "invalid-param": "OTHER",
    "application-crash": "unknown",
    "mandrill-email-failed": "unknown",
    "invalid-content-type": "OTHER",
    "route-non-existent": "OTHER",
    "no-params-decoded": "OTHER",
    "invalid-encoded-params": "OTHER",
    "route-not-found": "unknown",
    "identify-request-error": "unknown",
    "service-not-found": "unknown",
  };

  it("covers every named status of the page", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PLANOCORE_STATUSES].sort());
  });

  it.each(PLANOCORE_STATUSES)("maps %s", (status) => {
    const outcome = fromVoidAnswer({ status: PLANOCORE_STATUS_HTTP[status], body: { status, message: `message of ${status}`, data: {} } });
    const expected = EXPECTED[status];
    if (expected === "OTHER") {
      expect(outcome).toEqual({ kind: "refused", reason: "OTHER", vendorCode: status, vendorMessage: `message of ${status}` });
    } else {
      expect(outcome.kind).toBe(expected);
    }
    if (outcome.kind === "unknown") expect(outcome.cause).toContain(status);
  });

  it("reads voided_at of a success as closedAt", () => {
    const outcome = fromVoidAnswer({
      status: 200,
      body: { status: "action-successful", message: "Payment voided.", data: { payment: { id: 1, status: "voided", voided_at: "2025-03-01T10:00:00.000Z" } } },
    });
    expect(outcome).toEqual({ kind: "succeeded", details: { closedAt: new Date("2025-03-01T10:00:00.000Z") } });
  });

  it("treats an answer without a known status as unknown", () => {
    expect(fromVoidAnswer({ status: 200, body: { status: "all-good" } }).kind).toBe("unknown");
    expect(fromVoidAnswer({ status: 200, body: [] }).kind).toBe("unknown");
  });
});
