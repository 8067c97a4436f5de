import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { PaymentOperation } from "../../src/domain/payment-operation";
import { createActivePlatformService } from "../../src/vendors/activeplatform/activeplatform-vendor-service";
import { ACTIVEPLATFORM_ACME_EUROPE_TOKEN } from "../../src/vendors/activeplatform/contract";
import { startActivePlatformEmulator } from "../../src/vendors/activeplatform/emulator";
import { fromCancelAnswer, fromReadBack, paymentStateOf } from "../../src/vendors/activeplatform/mapping";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import { CANCELLATION, FAST, demoPayments, operationRequest, withFailedConnects } from "./vendor-test-kit";

const WRONG_STATE_TITLE = 'Only payments with "waiting for payment" status can be cancelled.';
const POSTPAID_TITLE = "Only payments for prepaid payment model can be cancelled.";
const MEDIA_TYPE = "application/vnd.api+json";

/** Forwards one request to the vendor, then stops listening: every later connection is refused. */
async function startOneShotProxy(target: string): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const server = createServer((request, response) => void (async () => {
    server.close();
    const forwarded = ["x-api-token", "content-type", "accept"].filter((name) => request.headers[name] !== undefined);
    const answer = await fetch(`${target}${request.url}`, { method: request.method, headers: forwarded.map((name) => [name, String(request.headers[name])]) });
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json", connection: "close" });
    response.end(await answer.text());
  })());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}

const cancelRequest = (payment: { vendorPaymentId: string; vendorResellerId: string | null }) =>
  operationRequest(PaymentOperation.CANCEL, { vendorPaymentId: payment.vendorPaymentId, vendorResellerId: payment.vendorResellerId }, { cancellation: CANCELLATION });

describe("ActivePlatform cancel", () => {
  let emulator: VendorEmulator;
  const service = (apiToken = emulator.secret) => createActivePlatformService({ baseUrl: emulator.baseUrl, apiToken, ...FAST });

  beforeAll(async () => {
    emulator = await startActivePlatformEmulator();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it("sends DELETE /api/v3/resellers/{rid}/payments/{pid} with the JSON:API headers and reads closed_at", async () => {
    const [payment] = demoPayments("activeplatform", PaymentState.WAITING_FOR_PAYMENT, PaymentModel.PREPAID);
    const started = Date.now();
    const outcome = await service().perform(cancelRequest(payment));

    expect(outcome.kind).toBe("succeeded");
    const closedAt = outcome.kind === "succeeded" ? outcome.details.closedAt : null;
    expect(closedAt).toBeInstanceOf(Date);
    expect(Math.abs(closedAt!.getTime() - started)).toBeLessThan(60_000);
    const sent = emulator.lastRequest()!;
    expect(sent.method).toBe("DELETE");
    expect(sent.path).toBe(`/api/v3/resellers/${payment.vendorResellerId}/payments/${payment.vendorPaymentId}`);
    expect(sent.headers["x-api-token"]).toBe(emulator.secret);
    expect(sent.headers["content-type"]).toBe(MEDIA_TYPE);
    expect(sent.headers.accept).toBe(MEDIA_TYPE);
    expect(sent.bodyText).toBe("");
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.CANCELLED);
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
  });

  it("reads a payment's state back: done with closed_at once cancelled, not done while waiting, unknown when unreadable", async () => {
    const [cancelled] = demoPayments("activeplatform", PaymentState.CANCELLED);
    const [waiting] = demoPayments("activeplatform", PaymentState.WAITING_FOR_PAYMENT, PaymentModel.POSTPAID);
    expect(await service().readPaymentState!(cancelRequest(cancelled))).toEqual({ kind: "done", details: { closedAt: expect.any(Date) } });
    expect(await service().readPaymentState!(cancelRequest(waiting))).toEqual({ kind: "not-done", vendorStatus: "waiting_for_payment" });
    expect((await service("not-a-token").readPaymentState!(cancelRequest(cancelled))).kind).toBe("unknown");
    expect(emulator.lastRequest()!.method).toBe("GET");
  });

  it("after the wrong-state 422 of a repeated cancel, reads the payment back and answers ALREADY_DONE", async () => {
    const [payment] = demoPayments("activeplatform", PaymentState.WAITING_FOR_PAYMENT, PaymentModel.PREPAID);
    const before = emulator.requests().length;
    const outcome = await service().perform(cancelRequest(payment));
    expect(outcome).toEqual({
      kind: "refused",
      reason: "ALREADY_DONE",
      vendorCode: "422",
      vendorMessage: "Payment is already cancelled.",
      details: { closedAt: expect.any(Date) },
    });
    const sent = emulator.requests().slice(before);
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual([
      `DELETE /api/v3/resellers/${payment.vendorResellerId}/payments/${payment.vendorPaymentId}`,
      `GET /api/v3/resellers/${payment.vendorResellerId}/payments/${payment.vendorPaymentId}`,
    ]);
    expect(sent[1].headers["x-api-token"]).toBe(emulator.secret);
  });

  it("after a wrong-state 422, a read-back that fails is an unknown outcome, not WRONG_STATE, and the cancel is not sent again", async () => {
    // A payment the emulator cannot read (404), whose cancel is answered with the documented 422.
    const request = cancelRequest({ vendorPaymentId: "987654", vendorResellerId: "1" });
    emulator.setFaults({ answerWith: { status: 422, body: { errors: { title: WRONG_STATE_TITLE, status: "422" } } } });
    try {
      const outcome = await service().perform(request);
      expect(outcome).toEqual({ kind: "unknown", cause: expect.stringContaining("could not be read back: the payment could not be read (HTTP 404)") });
    } finally {
      emulator.clearFaults();
    }
    expect(emulator.requests().slice(-2).map((sent) => sent.method)).toEqual(["DELETE", "GET"]);
    expect(emulator.callCount("987654")).toBe(2);
  });

  it("after a wrong-state 422, a read-back whose connection is refused is unknown at once: the cancel is never repeated in the call", async () => {
    const [payment] = demoPayments("activeplatform", PaymentState.POSTED, PaymentModel.POSTPAID);
    const proxy = await startOneShotProxy(emulator.baseUrl);
    try {
      const adapter = createActivePlatformService({ baseUrl: proxy.baseUrl, apiToken: emulator.secret, ...FAST, retries: 2 });
      const { value, failedConnects } = await withFailedConnects(() => adapter.perform(cancelRequest(payment)));
      expect(value).toEqual({ kind: "unknown", cause: expect.stringContaining("could not be read back: connection refused") });
      // One refused connection, the read's: no attempt after it, which would send the cancel again.
      expect(failedConnects).toBe(1);
    } finally {
      await proxy.stop();
    }
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
  });

  it("answers ALREADY_DONE for a payment cancelled before", async () => {
    const [payment] = demoPayments("activeplatform", PaymentState.CANCELLED);
    expect(await service().perform(cancelRequest(payment))).toMatchObject({ kind: "refused", reason: "ALREADY_DONE" });
  });

  it.each([PaymentState.POSTED, PaymentState.PENDING_VERIFICATION, PaymentState.REJECTED])(
    "refuses a %s payment as WRONG_STATE with the documented title",
    async (state) => {
      const [payment] = demoPayments("activeplatform", state, PaymentModel.PREPAID);
      expect(await service().perform(cancelRequest(payment))).toEqual({ kind: "refused", reason: "WRONG_STATE", vendorCode: "422", vendorMessage: WRONG_STATE_TITLE });
      expect(emulator.paymentState(payment.vendorPaymentId)).toBe(state);
    },
  );

  it("refuses a postpaid payment as POSTPAID with the documented title", async () => {
    const [payment] = demoPayments("activeplatform", PaymentState.WAITING_FOR_PAYMENT, PaymentModel.POSTPAID);
    expect(await service().perform(cancelRequest(payment))).toEqual({ kind: "refused", reason: "POSTPAID", vendorCode: "422", vendorMessage: POSTPAID_TITLE });
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.WAITING_FOR_PAYMENT);
  });

  it("refuses a wrong token with OTHER (401), without repeating it", async () => {
    const [, payment] = demoPayments("activeplatform", PaymentState.WAITING_FOR_PAYMENT, PaymentModel.PREPAID);
    const token = "wrong-manager-token";
    const outcome = await service(token).perform(cancelRequest(payment));
    expect(outcome).toMatchObject({ kind: "refused", reason: "OTHER", vendorCode: "401" });
    expect(JSON.stringify(outcome)).not.toContain(token);
  });

  it("refuses an unknown payment, or one under another reseller, with OTHER (404)", async () => {
    expect(await service().perform(cancelRequest({ vendorPaymentId: "999999", vendorResellerId: "1" }))).toMatchObject({
      kind: "refused",
      reason: "OTHER",
      vendorCode: "404",
    });
    const [, payment] = demoPayments("activeplatform", PaymentState.WAITING_FOR_PAYMENT, PaymentModel.PREPAID);
    const otherReseller = payment.vendorResellerId === "1" ? "4" : "1";
    expect(await service().perform(cancelRequest({ ...payment, vendorResellerId: otherReseller }))).toMatchObject({ reason: "OTHER", vendorCode: "404" });
  });

  it("refuses a payment without a numeric reseller id without sending anything", async () => {
    const before = emulator.callCount();
    expect(await service().perform(cancelRequest({ vendorPaymentId: "6418", vendorResellerId: null }))).toMatchObject({ vendorCode: "invalid-request" });
    expect(await service().perform(cancelRequest({ vendorPaymentId: "64x", vendorResellerId: "1" }))).toMatchObject({ vendorCode: "invalid-request" });
    expect(emulator.callCount()).toBe(before);
  });

  it("refuses a VOID without sending anything", async () => {
    const before = emulator.callCount();
    const outcome = await service().perform(operationRequest(PaymentOperation.VOID, { vendorPaymentId: "6418", vendorResellerId: "1" }));
    expect(outcome).toMatchObject({ kind: "refused", reason: "OTHER", vendorCode: "unsupported-operation" });
    expect(emulator.callCount()).toBe(before);
  });
});

describe("ActivePlatform reseller reach", () => {
  let emulator: VendorEmulator;
  const seed = (vendorPaymentId: string, vendorResellerId: string) => ({
    vendorPaymentId,
    vendorResellerId,
    lifeCycleState: PaymentState.WAITING_FOR_PAYMENT,
    paymentModel: PaymentModel.PREPAID,
  });
  const europeManager = () => createActivePlatformService({ baseUrl: emulator.baseUrl, apiToken: ACTIVEPLATFORM_ACME_EUROPE_TOKEN, ...FAST });

  beforeAll(async () => {
    emulator = await startActivePlatformEmulator({ payments: [seed("501", "3"), seed("502", "1"), seed("503", "4")] });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it("lets a manager cancel a payment of a downstream reseller", async () => {
    expect((await europeManager().perform(cancelRequest({ vendorPaymentId: "501", vendorResellerId: "3" }))).kind).toBe("succeeded");
  });

  it.each([
    ["502", "1"],
    ["503", "4"],
  ])("answers 404 (OTHER) for payment %s of reseller %s, outside the manager's reach", async (vendorPaymentId, vendorResellerId) => {
    expect(await europeManager().perform(cancelRequest({ vendorPaymentId, vendorResellerId }))).toMatchObject({ kind: "refused", reason: "OTHER", vendorCode: "404" });
    expect(emulator.paymentState(vendorPaymentId)).toBe(PaymentState.WAITING_FOR_PAYMENT);
  });

  it("insists on the JSON:API media type", async () => {
    const url = `${emulator.baseUrl}/api/v3/resellers/1/payments/502`;
    const noAccept = await fetch(url, { method: "DELETE", headers: { "X-Api-Token": emulator.secret, "Content-Type": MEDIA_TYPE, Accept: "application/json" } });
    expect(noAccept.status).toBe(406);
    const wrongType = await fetch(url, { method: "DELETE", headers: { "X-Api-Token": emulator.secret, "Content-Type": "application/json", Accept: MEDIA_TYPE } });
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toEqual({ errors: { title: `Content-Type must be ${MEDIA_TYPE}.`, status: "415" } });
    expect(emulator.paymentState("502")).toBe(PaymentState.WAITING_FOR_PAYMENT);
  });
});

describe("ActivePlatform answer mapping", () => {
  const cancelled = (closedAt: string) => ({ data: { id: "6476", type: "payments", attributes: { status: "cancelled", closed_at: closedAt } } });

  it("reads the documented closed_at format (microseconds, offset without colon)", () => {
    expect(fromCancelAnswer({ status: 200, body: cancelled("2019-11-01T07:56:50.520553+0300") })).toEqual({
      kind: "succeeded",
      details: { closedAt: new Date("2019-11-01T04:56:50.520Z") },
    });
  });

  it("reads a JSON:API errors array as well as the documented errors object", () => {
    expect(fromCancelAnswer({ status: 422, body: { errors: [{ title: POSTPAID_TITLE, status: "422" }] } })).toMatchObject({ reason: "POSTPAID" });
  });

  it("treats a 200 whose payment is not cancelled, and a 5xx, as unknown", () => {
    expect(fromCancelAnswer({ status: 200, body: { data: { attributes: { status: "waiting_for_payment" } } } }).kind).toBe("unknown");
    expect(fromCancelAnswer({ status: 500, body: { errors: { title: "Internal server error.", status: "500" } } }).kind).toBe("unknown");
  });

  it("a 422 with another title is OTHER", () => {
    expect(fromCancelAnswer({ status: 422, body: { errors: { title: "Something else.", status: "422" } } })).toEqual({
      kind: "refused",
      reason: "OTHER",
      vendorCode: "422",
      vendorMessage: "Something else.",
    });
  });

  const wrongState = { kind: "refused", reason: "WRONG_STATE", vendorCode: "422", vendorMessage: WRONG_STATE_TITLE } as const;

  it("keeps WRONG_STATE when the payment read back shows another status", () => {
    expect(fromReadBack(wrongState, paymentStateOf({ status: 200, body: { data: { attributes: { status: "paid" } } } }))).toBe(wrongState);
  });

  it("a read-back that fails leaves the outcome unknown, never WRONG_STATE: the refusal may hide a success", () => {
    expect(fromReadBack(wrongState, paymentStateOf({ status: 404, body: null }))).toEqual({
      kind: "unknown",
      cause: `the cancel was refused (${WRONG_STATE_TITLE}) and the payment could not be read back: the payment could not be read (HTTP 404)`,
    });
    expect(fromReadBack(wrongState, paymentStateOf({ status: 200, body: { data: {} } })).kind).toBe("unknown");
  });
});
