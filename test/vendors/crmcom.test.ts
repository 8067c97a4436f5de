import { PaymentModel, PaymentState, VendorCode } from "../../src/domain/enums";
import { PaymentOperation } from "../../src/domain/payment-operation";
import { startCrmComEmulator } from "../../src/vendors/crmcom/emulator";
import { createCrmComService } from "../../src/vendors/crmcom/crmcom-vendor-service";
import { JsonDecimal, parseWithDecimals } from "../../src/vendors/http/decimal-json";
import { CRMCOM_CODES } from "../../src/vendors/crmcom/contract";
import { CRMCOM_CODE_MEANING, fromAnswer } from "../../src/vendors/crmcom/mapping";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import type { VendorCancellationRequest } from "../../src/vendors/vendor-service";
import { CANCELLATION, FAST, demoPayments, operationRequest } from "./vendor-test-kit";

const cancelRequest = (vendorPaymentId: string, cancellation: VendorCancellationRequest = CANCELLATION) =>
  operationRequest(PaymentOperation.CANCEL, { vendorPaymentId }, { cancellation });
const rejectRequest = (vendorPaymentId: string, alternativeCode: string | null = "BUSINESS") =>
  operationRequest(
    PaymentOperation.REJECT,
    { vendorPaymentId },
    { rejection: { reason: alternativeCode ? { name: "Reject Due to Business Request", alternativeCode } : null } },
  );

describe("CRM.COM cancel and reject", () => {
  let emulator: VendorEmulator;
  const service = (token = emulator.secret) => createCrmComService({ baseUrl: emulator.baseUrl, token, ...FAST });

  beforeAll(async () => {
    emulator = await startCrmComEmulator();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it("posts payments/cancel with snake_case identifiers and udf floats as JSON numbers of the exact digits, and reads the cancellation", async () => {
    const [payment] = demoPayments("crmcom", PaymentState.POSTED, PaymentModel.PREPAID);
    const outcome = await service().perform(
      cancelRequest(payment.vendorPaymentId, {
        ...CANCELLATION,
        notes: "customer asked",
        backOfficeCode: "BO-CANCEL-1",
        issueReason: "duplicate charge",
        userDefinedFields: { udfString1: "desk 4", udfFloat2: "12.50", udfDate4: "2025-02-03" },
      }),
    );

    const sent = emulator.lastRequest()!;
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/payments/cancel");
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(sent.body).toEqual({
      token: emulator.secret,
      payment_identifier: { id: payment.vendorPaymentId },
      type_identifier: { alternative_code: "PCAN" },
      category_identifier: { code: "MISTAKE" },
      notes: "customer asked",
      back_office_code: "BO-CANCEL-1",
      issue_reason: "duplicate charge",
      udf_string_1: "desk 4",
      udf_float_2: new JsonDecimal("12.50"),
      udf_date_4: "2025-02-03",
    });
    // CRM.COM types udf_float_* as Float: a JSON number, written digit for digit from the decimal text.
    expect(sent.bodyText).toContain('"udf_float_2":12.50,');

    expect(outcome.kind).toBe("succeeded");
    const details = outcome.kind === "succeeded" ? outcome.details : {};
    expect(details.cancellation).toEqual({
      vendorId: expect.stringMatching(/^[0-9A-F]{32}$/),
      number: expect.stringMatching(/^\d+$/),
      referenceNumber: `PC-${details.cancellation?.number}`,
      issuedOn: expect.any(Date),
      postedOn: expect.any(Date),
      amount: payment.amount,
      gatewayName: null,
      gatewayReferenceNumber: null,
      currencyRatePeriod: expect.objectContaining({ currencyCode: payment.currencyCode, rate: expect.stringMatching(/^\d+(\.\d+)?$/) }),
    });
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.CANCELLED);
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
  });

  it("sends only the mandatory fields when the cancellation has no optional ones", async () => {
    const [, payment] = demoPayments("crmcom", PaymentState.POSTED, PaymentModel.PREPAID);
    const outcome = await service().perform(cancelRequest(payment.vendorPaymentId, { ...CANCELLATION, category: null }));
    expect(outcome.kind).toBe("succeeded");
    expect(emulator.lastRequest()!.body).toEqual({
      token: emulator.secret,
      payment_identifier: { id: payment.vendorPaymentId },
      type_identifier: { alternative_code: "PCAN" },
    });
  });

  it("answers ALREADY_DONE for a repeated cancel and for a payment cancelled before", async () => {
    const [payment] = demoPayments("crmcom", PaymentState.POSTED, PaymentModel.PREPAID);
    expect(await service().perform(cancelRequest(payment.vendorPaymentId))).toEqual({
      kind: "refused",
      reason: "ALREADY_DONE",
      vendorCode: "PAYMENT_ALREADY_CANCELLED",
      vendorMessage: "The payment is already cancelled",
    });
    const [cancelled] = demoPayments("crmcom", PaymentState.CANCELLED);
    expect(await service().perform(cancelRequest(cancelled.vendorPaymentId))).toMatchObject({ reason: "ALREADY_DONE" });
  });

  it.each([PaymentState.WAITING_FOR_PAYMENT, PaymentState.DRAFT, PaymentState.PENDING_VERIFICATION, PaymentState.REJECTED])(
    "refuses to cancel a %s payment as WRONG_STATE",
    async (state) => {
      const [payment] = demoPayments("crmcom", state, PaymentModel.PREPAID);
      expect(await service().perform(cancelRequest(payment.vendorPaymentId))).toMatchObject({
        kind: "refused",
        reason: "WRONG_STATE",
        vendorCode: "INVALID_PAYMENT_STATE",
      });
      expect(emulator.paymentState(payment.vendorPaymentId)).toBe(state);
    },
  );

  it("cancels a postpaid payment: CRM.COM's page has no prepaid-only rule", async () => {
    const [payment] = demoPayments("crmcom", PaymentState.POSTED, PaymentModel.POSTPAID);
    expect(await service().perform(cancelRequest(payment.vendorPaymentId))).toMatchObject({ kind: "succeeded" });
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.CANCELLED);
  });

  it("refuses a wrong token with OTHER, without repeating it", async () => {
    const [payment] = demoPayments("crmcom", PaymentState.POSTED, PaymentModel.POSTPAID);
    const token = "0000WRONGTOKEN0000";
    const outcome = await service(token).perform(cancelRequest(payment.vendorPaymentId));
    expect(outcome).toEqual({ kind: "refused", reason: "OTHER", vendorCode: "INVALID_TOKEN", vendorMessage: "The token is not valid or has expired" });
    expect(JSON.stringify(outcome)).not.toContain(token);
  });

  it("refuses an unknown payment and an unknown transaction type with OTHER", async () => {
    expect(await service().perform(cancelRequest("F".repeat(32)))).toMatchObject({ reason: "OTHER", vendorCode: "PAYMENT_NOT_FOUND" });
    const [payment] = demoPayments("crmcom", PaymentState.POSTED, PaymentModel.POSTPAID);
    const outcome = await service().perform(cancelRequest(payment.vendorPaymentId, { ...CANCELLATION, type: { name: "x", alternativeCode: "NOPE" } }));
    expect(outcome).toMatchObject({ reason: "OTHER", vendorCode: "INVALID_IDENTIFIER" });
  });

  it.each<Record<string, string>>([{ udfFloat5: "1" }, { udfFloat1: "1e3" }, { udfDate1: "03/02/2025" }, { udfString9: "x" }, { colour: "red" }])(
    "refuses the user defined fields %p without sending anything",
    async (userDefinedFields) => {
      const before = emulator.callCount();
      const outcome = await service().perform(cancelRequest("A".repeat(32), { ...CANCELLATION, userDefinedFields }));
      expect(outcome).toMatchObject({ kind: "refused", reason: "OTHER", vendorCode: "invalid-request" });
      expect(emulator.callCount()).toBe(before);
    },
  );

  it("refuses a cancel without its transaction type without sending anything", async () => {
    const before = emulator.callCount();
    const outcome = await service().perform(operationRequest(PaymentOperation.CANCEL, { vendorPaymentId: "A".repeat(32) }));
    expect(outcome).toMatchObject({ kind: "refused", vendorCode: "invalid-request" });
    expect(emulator.callCount()).toBe(before);
  });

  it("posts payments/reject with the rejection reason, and the payment becomes REJECTED", async () => {
    const [payment] = demoPayments("crmcom", PaymentState.DRAFT, PaymentModel.PREPAID);
    const outcome = await service().perform(rejectRequest(payment.vendorPaymentId));
    expect(outcome).toEqual({ kind: "succeeded", details: { gatewayName: null, gatewayReferenceNumber: null } });
    const sent = emulator.lastRequest()!;
    expect(sent.path).toBe("/payments/reject");
    expect(sent.body).toEqual({
      token: emulator.secret,
      payment_identifier: { id: payment.vendorPaymentId },
      rejection_reason_identifier: { alternative_code: "BUSINESS" },
    });
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.REJECTED);
  });

  it("rejects without a reason, and answers ALREADY_DONE when the reject is repeated", async () => {
    const [, payment] = demoPayments("crmcom", PaymentState.DRAFT, PaymentModel.PREPAID);
    expect((await service().perform(rejectRequest(payment.vendorPaymentId, null))).kind).toBe("succeeded");
    expect(emulator.lastRequest()!.body).toEqual({ token: emulator.secret, payment_identifier: { id: payment.vendorPaymentId } });
    expect(await service().perform(rejectRequest(payment.vendorPaymentId, null))).toMatchObject({
      kind: "refused",
      reason: "ALREADY_DONE",
      vendorCode: "PAYMENT_ALREADY_REJECTED",
    });
  });

  it("refuses to reject a non-draft payment as WRONG_STATE", async () => {
    const [payment] = demoPayments("crmcom", PaymentState.PENDING_VERIFICATION);
    expect(await service().perform(rejectRequest(payment.vendorPaymentId))).toMatchObject({ reason: "WRONG_STATE", vendorCode: "INVALID_PAYMENT_STATE" });
  });

  it("refuses a VOID without sending anything", async () => {
    const before = emulator.callCount();
    expect(await service().perform(operationRequest(PaymentOperation.VOID, { vendorPaymentId: "A".repeat(32) }))).toMatchObject({
      vendorCode: "unsupported-operation",
    });
    expect(emulator.callCount()).toBe(before);
  });
});

describe("CRM.COM emulator", () => {
  let emulator: VendorEmulator;
  const seeds = ["1", "2"].map((n) => ({
    vendorPaymentId: `C0FFEE${n.padStart(26, "0")}`,
    number: `77${n}`,
    lifeCycleState: PaymentState.POSTED,
    paymentModel: PaymentModel.PREPAID,
    amount: "4999.00",
    currencyCode: "USD",
    issuedOn: "2025-02-01T10:00:00.000Z",
    gatewayName: "ConvergeGate",
    gatewayReferenceNumber: `CG-77${n}`,
  }));

  beforeAll(async () => {
    emulator = await startCrmComEmulator({ payments: seeds });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${emulator.baseUrl}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    return { status: response.status, text: await response.text() };
  };

  it("refuses a udf_float sent as a JSON string: the page types it Float", async () => {
    const { text } = await post("/payments/cancel", {
      token: emulator.secret,
      payment_identifier: { number: "771" },
      type_identifier: { alternative_code: "PCAN" },
      udf_float_1: "12.50",
    });
    expect(JSON.parse(text).status.code).toBe("INVALID_PARAMETER");
  });

  it("answers the cancelled payment, its rate period and the cancellation, amounts as exact JSON numbers", async () => {
    const { status, text } = await post("/payments/cancel", {
      token: emulator.secret,
      payment_identifier: { number: "771" },
      type_identifier: { name: "Payment Cancellation" },
      back_office_code: "BO-1",
    });
    expect(status).toBe(200);
    expect(text).toContain('"payment_amount":4999.00,');
    expect(text).toContain('"rate":0.95000000,');
    const answer = JSON.parse(text);
    expect(answer.status.code).toBe("OK");
    // As the page's example shows it: the payment still POSTED, though the emulator holds it cancelled now.
    expect(answer.data.payment).toMatchObject({
      life_cycle_state: "POSTED",
      processed_by_payment_gateway: "ConvergeGate",
      currency_rate_period: { currency: { code: "USD" } },
    });
    expect(emulator.paymentState(seeds[0].vendorPaymentId)).toBe(PaymentState.CANCELLED);
    expect(answer.data.payment_cancellation).toMatchObject({ life_cycle_state: "POSTED", payment_gateway_reference_number: "CG-771-C" });
    expect(fromAnswer(PaymentOperation.CANCEL, { status, body: parseWithDecimals(text) })).toMatchObject({
      kind: "succeeded",
      details: { gatewayName: "ConvergeGate", gatewayReferenceNumber: "CG-771", cancellation: { gatewayReferenceNumber: "CG-771-C" } },
    });
  });

  it("refuses an identifier with more than one field, and a back office code used before", async () => {
    const twoFields = await post("/payments/cancel", {
      token: emulator.secret,
      payment_identifier: { number: "772", reference_number: "x" },
      type_identifier: { alternative_code: "PCAN" },
    });
    expect(JSON.parse(twoFields.text).status.code).toBe("INVALID_IDENTIFIER");
    const duplicate = await post("/payments/cancel", {
      token: emulator.secret,
      payment_identifier: { number: "772" },
      type_identifier: { alternative_code: "PCAN" },
      back_office_code: "BO-1",
    });
    expect(JSON.parse(duplicate.text).status.code).toBe("DUPLICATE_BACK_OFFICE_CODE");
    expect(emulator.paymentState(seeds[1].vendorPaymentId)).toBe(PaymentState.POSTED);
  });

  it("numbers and ids its cancellations apart from those of an emulator started before it", async () => {
    const first = await startCrmComEmulator({ payments: [seeds[1]] });
    const cancelWith = async (emulatorAt: VendorEmulator) => {
      const outcome = await createCrmComService({ baseUrl: emulatorAt.baseUrl, token: emulatorAt.secret, ...FAST }).perform(cancelRequest(seeds[1].vendorPaymentId));
      await emulatorAt.stop();
      return outcome.kind === "succeeded" ? outcome.details.cancellation : undefined;
    };
    const before = await cancelWith(first);
    const after = await cancelWith(await startCrmComEmulator({ payments: [seeds[1]] }));
    expect(before?.number).toMatch(/^\d+$/);
    expect(after?.number).toMatch(/^\d+$/);
    expect(after?.number).not.toBe(before?.number);
    expect(after?.referenceNumber).not.toBe(before?.referenceNumber);
    expect(after?.vendorId).not.toBe(before?.vendorId);
  });
});

describe("CRM.COM answer mapping", () => {
  it("treats INTERNAL_ERROR, a 5xx and an answer without status as unknown", () => {
    expect(fromAnswer(PaymentOperation.CANCEL, { status: 200, body: { status: { code: "INTERNAL_ERROR", message: "boom" } } }).kind).toBe("unknown");
    expect(fromAnswer(PaymentOperation.CANCEL, { status: 500, body: null }).kind).toBe("unknown");
    expect(fromAnswer(PaymentOperation.REJECT, { status: 200, body: { data: {} } }).kind).toBe("unknown");
  });

  it("a repeat code of the other operation is not ALREADY_DONE", () => {
    expect(fromAnswer(PaymentOperation.REJECT, { status: 200, body: { status: { code: "PAYMENT_ALREADY_CANCELLED", message: "m" } } })).toMatchObject({
      reason: "OTHER",
    });
  });

  it("reads the page's own example answer: the cancellation's id, number, issued_on and payment_amount (no zone in dates: UTC)", () => {
    const page = `{
"status": { "message": null, "description": null, "code": "OK" },
"data": {
"payment": { "payment_amount": 50, "issued_on": "2014-07-14T17:06:14", "life_cycle_state": "POSTED", "number": "102",
  "id": "4653BEFC9239043011096B329DFEF3F7", "reference_number": "117", "posted_on": "2014-07-14T17:07:13" },
"payment_cancellation": { "payment_amount": 50.10, "issued_on": "2014-07-14T17:21:06", "life_cycle_state": "POSTED", "number": "35",
  "id": "8F3613168562A73556CECA0FEA772AFE", "reference_number": "26", "posted_on": "2014-07-14T17:21:06" }
}
}`;
    const outcome = fromAnswer(PaymentOperation.CANCEL, { status: 200, body: parseWithDecimals(page) });
    expect(outcome).toEqual({
      kind: "succeeded",
      details: {
        gatewayName: null,
        gatewayReferenceNumber: null,
        cancellation: {
          vendorId: "8F3613168562A73556CECA0FEA772AFE",
          number: "35",
          referenceNumber: "26",
          issuedOn: new Date("2014-07-14T17:21:06Z"),
          postedOn: new Date("2014-07-14T17:21:06Z"),
          amount: "50.10",
          gatewayName: null,
          gatewayReferenceNumber: null,
          currencyRatePeriod: null,
        },
      },
    });
  });

});

describe("CRM.COM code table", () => {
  const answer = (code: string) => ({ status: 400, body: { status: { code, message: `said ${code}` } } });
  const cells = Object.entries(CRMCOM_CODES).flatMap(([name, code]) =>
    [PaymentOperation.CANCEL, PaymentOperation.REJECT].map((operation) => ({ name: name as keyof typeof CRMCOM_CODES, code, operation })),
  );
  it.each(cells)("maps $code for $operation as its table entry says", ({ name, code, operation }) => {
    const meaning = CRMCOM_CODE_MEANING[name];
    const outcome = fromAnswer(operation, answer(code));
    if (meaning === "unknown") expect(outcome).toMatchObject({ kind: "unknown" });
    else if (typeof meaning === "object") {
      expect(outcome).toMatchObject({ kind: "refused", reason: meaning.alreadyDoneFor === operation ? "ALREADY_DONE" : "OTHER", vendorCode: code });
    } else expect(outcome).toMatchObject({ kind: "refused", reason: meaning, vendorCode: code });
  });

  it("says a repeated cancel is already done, and the same code for a reject is a refusal", () => {
    expect(fromAnswer(PaymentOperation.CANCEL, answer(CRMCOM_CODES.alreadyCancelled))).toMatchObject({ reason: "ALREADY_DONE" });
    expect(fromAnswer(PaymentOperation.REJECT, answer(CRMCOM_CODES.alreadyCancelled))).toMatchObject({ reason: "OTHER" });
  });
});
