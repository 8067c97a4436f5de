import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { PaymentOperation } from "../../src/domain/payment-operation";
import { createConvergeGateService } from "../../src/vendors/convergegate/convergegate-vendor-service";
import { startConvergeGateEmulator } from "../../src/vendors/convergegate/emulator";
import { CONVERGEGATE_ERRORS } from "../../src/vendors/convergegate/contract";
import { CONVERGEGATE_ERROR_MEANING, fromVoidAnswer } from "../../src/vendors/convergegate/mapping";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import { CANCELLATION, FAST, demoPayments, operationRequest } from "./vendor-test-kit";

const voidRequest = (payment: { vendorPaymentId: string; referenceNumber?: string }) =>
  operationRequest(PaymentOperation.VOID, { vendorPaymentId: payment.vendorPaymentId, ...(payment.referenceNumber ? { referenceNumber: payment.referenceNumber } : {}) });

describe("ConvergeGate void", () => {
  let emulator: VendorEmulator;
  const service = () => createConvergeGateService({ baseUrl: emulator.baseUrl, apiKey: emulator.secret, ...FAST });

  beforeAll(async () => {
    emulator = await startConvergeGateEmulator();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it("sends POST /api/v1/payments/{id}/void with the shop API key, and reads the voided payment", async () => {
    const [payment] = demoPayments("convergegate", PaymentState.AUTHORIZED, PaymentModel.PREPAID);
    const outcome = await service().perform(voidRequest(payment));

    expect(outcome).toEqual({ kind: "succeeded", details: { gatewayName: "ConvergeGate", gatewayReferenceNumber: payment.vendorPaymentId } });
    const sent = emulator.lastRequest()!;
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe(`/api/v1/payments/${payment.vendorPaymentId}/void`);
    expect(sent.headers.authorization).toBe(`Bearer ${emulator.secret}`);
    expect(sent.bodyText).toBe("");
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.CANCELLED);
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
  });

  it("voids a postpaid AUTHORIZED payment too: ConvergeGate has no payment-model rule", async () => {
    const [payment] = demoPayments("convergegate", PaymentState.AUTHORIZED, PaymentModel.POSTPAID);
    expect((await service().perform(voidRequest(payment))).kind).toBe("succeeded");
  });

  it("answers ALREADY_DONE when the void is repeated", async () => {
    const [, payment] = demoPayments("convergegate", PaymentState.AUTHORIZED, PaymentModel.PREPAID);
    expect((await service().perform(voidRequest(payment))).kind).toBe("succeeded");
    expect(await service().perform(voidRequest(payment))).toEqual({
      kind: "refused",
      reason: "ALREADY_DONE",
      vendorCode: "PAYMENT_ALREADY_CANCELLED",
      vendorMessage: "Payment is already CANCELLED",
    });
  });

  it("answers ALREADY_DONE for a payment that was already cancelled at the vendor", async () => {
    const [payment] = demoPayments("convergegate", PaymentState.CANCELLED);
    expect(await service().perform(voidRequest(payment))).toMatchObject({ kind: "refused", reason: "ALREADY_DONE" });
  });

  it.each([PaymentState.PENDING, PaymentState.POSTED, PaymentState.PENDING_VERIFICATION])("refuses a %s payment as WRONG_STATE", async (state) => {
    const [payment] = demoPayments("convergegate", state);
    const outcome = await service().perform(voidRequest(payment));
    expect(outcome).toEqual({
      kind: "refused",
      reason: "WRONG_STATE",
      vendorCode: "INVALID_PAYMENT_STATE",
      vendorMessage: `Only a payment in AUTHORIZED state can be voided; this one is ${state}`,
    });
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(state);
  });

  it("refuses with OTHER when the API key is wrong, without repeating the key", async () => {
    const [payment] = demoPayments("convergegate", PaymentState.PENDING);
    const wrongKey = "not-the-shop-key-123";
    const outcome = await createConvergeGateService({ baseUrl: emulator.baseUrl, apiKey: wrongKey, ...FAST }).perform(voidRequest(payment));
    expect(outcome).toEqual({ kind: "refused", reason: "OTHER", vendorCode: "UNAUTHORIZED", vendorMessage: "Invalid or missing shop API key" });
    expect(JSON.stringify(outcome)).not.toContain(wrongKey);
  });

  it("refuses an unknown payment with OTHER", async () => {
    const outcome = await service().perform(voidRequest({ vendorPaymentId: "0".repeat(32) }));
    expect(outcome).toMatchObject({ kind: "refused", reason: "OTHER", vendorCode: "PAYMENT_NOT_FOUND" });
  });

  it.each(["short", "x".repeat(33), "../../admin/0000000000000000000000", "g".repeat(31) + "-"])(
    "refuses the id %p without sending anything",
    async (vendorPaymentId) => {
      const before = emulator.callCount();
      const outcome = await service().perform(voidRequest({ vendorPaymentId }));
      expect(outcome).toMatchObject({ kind: "refused", reason: "OTHER", vendorCode: "invalid-request" });
      expect(emulator.callCount()).toBe(before);
    },
  );

  it("succeeds on the page's own answer with referenceId payment-123, whatever our reference", async () => {
    const id = "b".repeat(32);
    emulator.setFaults({ answerWith: { status: 200, body: { status: 200, result: { id, referenceId: "payment-123", state: "CANCELLED", amount: 11.12 } } } });
    try {
      expect(await service().perform(voidRequest({ vendorPaymentId: id, referenceNumber: "REF-OURS" }))).toMatchObject({ kind: "succeeded" });
    } finally {
      emulator.clearFaults();
    }
  });

  it("by its page alone, a repeated void is refused like a wrong state: never ALREADY_DONE", async () => {
    const [payment] = demoPayments("convergegate", PaymentState.CANCELLED);
    emulator.setFaults({ pageOnly: true });
    try {
      expect(await service().perform(voidRequest(payment))).toMatchObject({ kind: "refused", reason: "WRONG_STATE", vendorCode: "INVALID_PAYMENT_STATE" });
    } finally {
      emulator.clearFaults();
    }
  });

  it("refuses an operation ConvergeGate does not offer without sending anything", async () => {
    const before = emulator.callCount();
    const outcome = await service().perform(operationRequest(PaymentOperation.CANCEL, { vendorPaymentId: "a".repeat(32) }, { cancellation: CANCELLATION }));
    expect(outcome).toMatchObject({ kind: "refused", reason: "OTHER", vendorCode: "unsupported-operation" });
    expect(emulator.callCount()).toBe(before);
  });
});

const PAGE_ID = "91d27876e87f4b22b3ecd53924bf973d";

describe("ConvergeGate answer mapping", () => {
  it("treats a 200 whose payment is not CANCELLED as unknown", () => {
    expect(fromVoidAnswer({ status: 200, body: { status: 200, result: { id: "a", state: "AUTHORIZED" } } }, PAGE_ID)).toEqual({
      kind: "unknown",
      cause: "void answered with payment state AUTHORIZED",
    });
  });

  it("keeps result.id (the gateway's id) as the gateway reference, never the merchant's referenceId", () => {
    const answer = { status: 200, body: { result: { id: PAGE_ID, referenceId: "payment-123", state: "CANCELLED" } } };
    expect(fromVoidAnswer(answer, PAGE_ID)).toEqual({
      kind: "succeeded",
      details: { gatewayName: "ConvergeGate", gatewayReferenceNumber: PAGE_ID },
    });
    expect(fromVoidAnswer({ status: 200, body: { result: { id: PAGE_ID, state: "CANCELLED" } } }, PAGE_ID).kind).toBe("succeeded");
  });

  it("identifies the payment by result.id alone: any referenceId is the merchant's, an answer about another id is not a success", () => {
    const anyReference = { status: 200, body: { result: { id: PAGE_ID, referenceId: "payment-999", state: "CANCELLED" } } };
    expect(fromVoidAnswer(anyReference, PAGE_ID)).toMatchObject({ kind: "succeeded" });
    const otherId = { status: 200, body: { result: { id: "ffffffffffffffffffffffffffffffff", referenceId: "payment-123", state: "CANCELLED" } } };
    expect(fromVoidAnswer(otherId, PAGE_ID)).toEqual({ kind: "unknown", cause: "void answered for another payment id" });
  });

  it("reads the page's own example answer (state PENDING) as unknown, never as a refusal", () => {
    const page = { status: 200, body: { timestamp: "2020-10-07T13:36:32.595+00:00", status: 200, result: { id: PAGE_ID, referenceId: "payment-123", state: "PENDING", amount: 11.12 } } };
    expect(fromVoidAnswer(page, PAGE_ID)).toEqual({ kind: "unknown", cause: "void answered with payment state PENDING" });
  });

  it("treats a 5xx and a body that is not an object as unknown", () => {
    expect(fromVoidAnswer({ status: 500, body: { errorCode: "INTERNAL_ERROR" } }, PAGE_ID).kind).toBe("unknown");
    expect(fromVoidAnswer({ status: 200, body: null }, PAGE_ID).kind).toBe("unknown");
  });

  it("refuses an unlisted 4xx with OTHER and the HTTP status as code", () => {
    expect(fromVoidAnswer({ status: 403, body: {} }, PAGE_ID)).toEqual({ kind: "refused", reason: "OTHER", vendorCode: "HTTP_403", vendorMessage: "ConvergeGate answered HTTP 403" });
  });
});

describe("ConvergeGate emulator", () => {
  let emulator: VendorEmulator;
  const [authorized] = demoPayments("convergegate", PaymentState.AUTHORIZED, PaymentModel.PREPAID);

  beforeAll(async () => {
    emulator = await startConvergeGateEmulator({
      payments: [{ vendorPaymentId: authorized.vendorPaymentId, lifeCycleState: PaymentState.AUTHORIZED, paymentModel: PaymentModel.PREPAID, amount: "1250.50", number: authorized.number, referenceNumber: authorized.referenceNumber }],
    });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it("holds only the payments it was given", async () => {
    expect(emulator.paymentState(authorized.vendorPaymentId)).toBe(PaymentState.AUTHORIZED);
    const [other] = demoPayments("convergegate", PaymentState.PENDING);
    expect(emulator.paymentState(other.vendorPaymentId)).toBeUndefined();
  });

  it("writes the amount as a JSON number digit for digit", async () => {
    const response = await fetch(`${emulator.baseUrl}/api/v1/payments/${authorized.vendorPaymentId}/void`, {
      method: "POST",
      headers: { Authorization: `Bearer ${emulator.secret}` },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"amount":1250.50,');
    // The merchant's reference, in the page's form: not our reference number.
    expect(JSON.parse(text).result).toMatchObject({ id: authorized.vendorPaymentId, referenceId: `payment-${authorized.number}`, state: "CANCELLED" });
    expect(authorized.referenceNumber).not.toBe(`payment-${authorized.number}`);
  });

  it("answers 400 for an id that does not match the pattern", async () => {
    const response = await fetch(`${emulator.baseUrl}/api/v1/payments/abc/void`, { method: "POST", headers: { Authorization: `Bearer ${emulator.secret}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, errorCode: "INVALID_PAYMENT_ID" });
  });

  it("takes fault switches over HTTP, shows a payment's state and resets", async () => {
    const set = await fetch(`${emulator.baseUrl}/__emulator/faults`, { method: "POST", body: JSON.stringify({ latencyMs: 5, failWith5xx: 503, failTimes: 2 }) });
    expect(set.status).toBe(200);
    expect(emulator.faults).toMatchObject({ latencyMs: 5, failWith5xx: 503, failTimes: 2 });

    const bad = await fetch(`${emulator.baseUrl}/__emulator/faults`, { method: "POST", body: JSON.stringify({ failWith5xx: 200 }) });
    expect(bad.status).toBe(400);
    for (const [applyThenFail, status] of [["answer504", 200], ["dropConnection", 200], ["answer200", 400], ["answer5000", 400]] as const) {
      const set = await fetch(`${emulator.baseUrl}/__emulator/faults`, { method: "POST", body: JSON.stringify({ applyThenFail }) });
      expect({ applyThenFail, status: set.status }).toEqual({ applyThenFail, status });
    }
    expect((await fetch(`${emulator.baseUrl}/__emulator/faults`, { method: "POST", body: JSON.stringify({ pageOnly: "yes" }) })).status).toBe(400);

    const state = await fetch(`${emulator.baseUrl}/__emulator/payments/${authorized.vendorPaymentId}`);
    expect(await state.json()).toMatchObject({ vendorPaymentId: authorized.vendorPaymentId, state: PaymentState.CANCELLED, calls: 1 });

    const reset = await fetch(`${emulator.baseUrl}/__emulator/reset`, { method: "POST" });
    expect(reset.status).toBe(200);
    expect(emulator.faults.failWith5xx).toBeNull();
    expect(emulator.paymentState(authorized.vendorPaymentId)).toBe(PaymentState.AUTHORIZED);
    expect(emulator.callCount()).toBe(0);
  });
});

describe("ConvergeGate error table", () => {
  const voided = "a".repeat(32);
  it.each(Object.entries(CONVERGEGATE_ERRORS))("maps %s to its meaning in the table", (name, error) => {
    const meaning = CONVERGEGATE_ERROR_MEANING[name as keyof typeof CONVERGEGATE_ERRORS];
    const status = error.status >= 500 ? 409 : error.status; // the code decides, also when the HTTP status does not
    const outcome = fromVoidAnswer({ status, body: { errorCode: error.code, errorMessage: error.message } }, voided);
    expect(outcome).toEqual(meaning === "unknown" ? { kind: "unknown", cause: expect.stringContaining(error.code) } : expect.objectContaining({ kind: "refused", reason: meaning, vendorCode: error.code }));
  });

  it("refuses a code outside the contract as OTHER", () => {
    expect(fromVoidAnswer({ status: 400, body: { errorCode: "SOMETHING_NEW", errorMessage: "m" } }, voided)).toMatchObject({ kind: "refused", reason: "OTHER" });
  });
});
