import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { PaymentOperation } from "../../src/domain/payment-operation";
import { startCrmComEmulator } from "../../src/vendors/crmcom/emulator";
import { createCrmComService } from "../../src/vendors/crmcom/crmcom-vendor-service";
import { JsonDecimal, parseWithDecimals } from "../../src/vendors/http/decimal-json";
import { CRMCOM_CODES } from "../../src/vendors/crmcom/contract";
import { CRMCOM_CODE_MEANING, fromAnswer } from "../../src/vendors/crmcom/mapping";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import type { VendorCancellationRequest } from "../../src/vendors/vendor-service";
import { cancelBackOfficeCode } from "../../src/vendors/crmcom/repeat-key";
import { DEMO_RATE_PERIODS } from "../../src/demo/demo-data";
import { crmComCancelled } from "../support/vendor-answers";
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
      backOfficeCode: "BO-CANCEL-1",
      currencyRatePeriod: expect.objectContaining({ currencyCode: payment.currencyCode, rate: expect.stringMatching(/^\d+(\.\d+)?$/) }),
    });
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.CANCELLED);
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
  });

  it("sends the mandatory fields and, without the caller's, a back office code derived from our operation id", async () => {
    const [, payment] = demoPayments("crmcom", PaymentState.POSTED, PaymentModel.PREPAID);
    const request = cancelRequest(payment.vendorPaymentId, { ...CANCELLATION, category: null });
    const outcome = await service().perform(request);
    expect(emulator.lastRequest()!.body).toEqual({
      token: emulator.secret,
      payment_identifier: { id: payment.vendorPaymentId },
      type_identifier: { alternative_code: "PCAN" },
      back_office_code: `OP-${request.operationId}`,
    });
    expect(outcome).toMatchObject({ kind: "succeeded", details: { cancellation: { backOfficeCode: `OP-${request.operationId}` } } });
    expect(emulator.payment(payment.vendorPaymentId)!.cancellations).toEqual([expect.objectContaining({ backOfficeCode: `OP-${request.operationId}` })]);
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
      currency_rate_period: { from_date: "2025-01-01T00:00:00", to_date: null, currency: { code: "USD" } },
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
          backOfficeCode: null,
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

describe("CRM.COM re-sends after a lost answer", () => {
  let emulator: VendorEmulator;
  const seeds = ["1", "2", "3"].map((n) => ({
    vendorPaymentId: `D0D0${n.padStart(28, "0")}`,
    lifeCycleState: n === "3" ? PaymentState.DRAFT : PaymentState.POSTED,
    paymentModel: PaymentModel.PREPAID,
  }));
  const service = () => createCrmComService({ baseUrl: emulator.baseUrl, token: emulator.secret, ...FAST });
  const sentCodes = () => emulator.requests().map((request) => (request.body as { back_office_code?: string }).back_office_code);

  beforeAll(async () => {
    emulator = await startCrmComEmulator({ payments: seeds });
  });
  afterEach(() => emulator.clearFaults());
  afterAll(async () => {
    await emulator.stop();
  });

  it("a 504 after CRM.COM cancelled is unknown and sent once; the re-send carries the same back_office_code and creates nothing", async () => {
    const request = cancelRequest(seeds[0].vendorPaymentId);
    emulator.setFaults({ applyThenFail: "answer504" });
    expect(await service().perform(request)).toEqual({ kind: "unknown", cause: "vendor or gateway error (HTTP 504, not the vendor's JSON)" });
    expect(emulator.callCount(seeds[0].vendorPaymentId)).toBe(1);
    emulator.clearFaults();

    expect(await service().perform(request)).toMatchObject({ kind: "refused", reason: "ALREADY_DONE" });
    expect(sentCodes().slice(-2)).toEqual([`OP-${request.operationId}`, `OP-${request.operationId}`]);
    expect(emulator.payment(seeds[0].vendorPaymentId)!.cancellations).toHaveLength(1);
  });

  it("by its page alone CRM.COM takes a second cancel of the payment; the operation's back_office_code is what refuses the re-send", async () => {
    const request = cancelRequest(seeds[1].vendorPaymentId, { ...CANCELLATION, backOfficeCode: "BO-CALLER-7" });
    emulator.setFaults({ applyThenFail: "answer502", pageOnly: true });
    expect((await service().perform(request)).kind).toBe("unknown");
    emulator.setFaults({ applyThenFail: null });

    // The re-send of the same operation: the caller's code again, refused as used; still one cancellation.
    expect(await service().perform(request)).toMatchObject({ kind: "refused", reason: "OTHER", vendorCode: "DUPLICATE_BACK_OFFICE_CODE" });
    expect(sentCodes().slice(-2)).toEqual(["BO-CALLER-7", "BO-CALLER-7"]);
    expect(emulator.payment(seeds[1].vendorPaymentId)!.cancellations).toHaveLength(1);

    // What the key prevents: another operation (another code) is taken as a second cancellation.
    expect((await service().perform(cancelRequest(seeds[1].vendorPaymentId))).kind).toBe("succeeded");
    const { cancellations } = emulator.payment(seeds[1].vendorPaymentId)!;
    expect(cancellations).toHaveLength(2);
    const shown = await (await fetch(`${emulator.baseUrl}/__emulator/payments/${seeds[1].vendorPaymentId}`)).json();
    expect(shown).toMatchObject({ cancellations: [{ backOfficeCode: "BO-CALLER-7" }, { number: cancellations[1].number }], cancellation: { number: cancellations[1].number } });
  });

  it("by its page alone a repeated reject is refused like a wrong state: never ALREADY_DONE", async () => {
    const request = rejectRequest(seeds[2].vendorPaymentId);
    expect((await service().perform(request)).kind).toBe("succeeded");
    emulator.setFaults({ pageOnly: true });
    expect(await service().perform(request)).toMatchObject({ kind: "refused", reason: "WRONG_STATE", vendorCode: "INVALID_PAYMENT_STATE" });
  });

  it("derives the same code for the same operation id, within our column's 64 characters", () => {
    const long = "x".repeat(100);
    expect(cancelBackOfficeCode({ operationId: "8a0e0c52-6b8e-4b8e-9d4e-0d2b1c3f4a5b" })).toBe("OP-8a0e0c52-6b8e-4b8e-9d4e-0d2b1c3f4a5b");
    expect(cancelBackOfficeCode({ operationId: long })).toBe(cancelBackOfficeCode({ operationId: long }));
    expect(cancelBackOfficeCode({ operationId: long })).toMatch(/^OP-[0-9a-f]{61}$/);
    expect(cancelBackOfficeCode({ operationId: long, cancellation: { ...CANCELLATION, backOfficeCode: "MINE" } })).toBe("MINE");
  });
});

describe("CRM.COM dates and decimals, as answered", () => {
  let emulator: VendorEmulator;
  const payment = { vendorPaymentId: `DA7E${"0".repeat(28)}`, lifeCycleState: PaymentState.POSTED, paymentModel: PaymentModel.PREPAID, currencyCode: "USD", issuedOn: "2025-03-01T10:00:00.000Z" };
  const service = () => createCrmComService({ baseUrl: emulator.baseUrl, token: emulator.secret, ...FAST });
  const period = (fields: Record<string, unknown>) => ({ id: "P1", rate: 0.95, inverse_rate: 1.05263158, from_date: "2025-01-01", to_date: null, currency: { code: "USD" }, ...fields });
  /** The page's answer, its payment carrying this rate period, its cancellation these fields. */
  const answering = (ratePeriod: Record<string, unknown>, cancellation: Record<string, unknown> = {}) =>
    emulator.setFaults({
      answerWith: crmComCancelled(
        { id: payment.vendorPaymentId, life_cycle_state: "POSTED", payment_amount: 50, currency_rate_period: ratePeriod },
        { id: "8F3613168562A73556CECA0FEA772AFE", number: "35", reference_number: "26", life_cycle_state: "POSTED", payment_amount: 50, ...cancellation },
      ),
    });

  beforeAll(async () => {
    emulator = await startCrmComEmulator({ payments: [payment] });
  });
  afterEach(() => emulator.clearFaults());
  afterAll(async () => {
    await emulator.stop();
  });

  it("reads a rate period dated with a time (the page's Date form) as calendar days that match ours", async () => {
    const outcome = await service().perform(cancelRequest(payment.vendorPaymentId));
    const ours = DEMO_RATE_PERIODS.find((candidate) => candidate.currencyCode === "USD" && candidate.toDate === null)!;
    expect(emulator.requests()[0].body).toMatchObject({ back_office_code: expect.stringMatching(/^OP-/) });
    expect(outcome).toMatchObject({
      kind: "succeeded",
      details: { cancellation: { currencyRatePeriod: { fromDate: ours.fromDate, toDate: null, rate: ours.rate, inverseRate: ours.inverseRate, currencyCode: "USD" } } },
    });
  });

  it.each([
    ["2000-01-01T00:00:00", "2007-12-31T00:00:00"],
    ["2000-01-01", "2007-12-31"],
    ["2000-01-01T23:59:59.5+0200", "2007-12-31 00:00:00"],
  ])("reads the bounds %s and %s as 2000-01-01 to 2007-12-31", async (fromDate, toDate) => {
    answering(period({ from_date: fromDate, to_date: toDate }));
    expect(await service().perform(cancelRequest(payment.vendorPaymentId))).toMatchObject({
      kind: "succeeded",
      details: { cancellation: { currencyRatePeriod: { fromDate: "2000-01-01", toDate: "2007-12-31" } } },
    });
  });

  it("an answer with a bound that is no calendar day is unknown, naming the field", async () => {
    answering(period({ to_date: "2025-02-30T00:00:00" }));
    expect(await service().perform(cancelRequest(payment.vendorPaymentId))).toEqual({
      kind: "unknown",
      cause: 'unreadable answer: payment.currency_rate_period.to_date "2025-02-30T00:00:00" is not a date',
    });
  });

  it("a rate with 13 decimals is an unknown outcome naming the field: never stored", async () => {
    answering(period({ rate: new JsonDecimal("0.9500000000001") }));
    expect(await service().perform(cancelRequest(payment.vendorPaymentId))).toEqual({
      kind: "unknown",
      cause: "unreadable answer: payment.currency_rate_period.rate 0.9500000000001 has more than the 12 decimals we keep",
    });
  });

  it.each([
    [{ payment_amount: new JsonDecimal("50.12345") }, "payment_cancellation.payment_amount 50.12345 has more than the 4 decimals we keep"],
    [{ payment_amount: new JsonDecimal("1234567890123456") }, "payment_cancellation.payment_amount 1234567890123456 has more than the 15 digits before the point we keep"],
    [{ payment_amount: "fifty" }, "payment_cancellation.payment_amount is not a decimal number"],
  ])("an amount our column cannot hold (%p) is an unknown outcome naming the field", async (cancellation, cause) => {
    answering(period({}), cancellation);
    expect(await service().perform(cancelRequest(payment.vendorPaymentId))).toEqual({ kind: "unknown", cause: `unreadable answer: ${cause}` });
  });

  it("keeps a rate whose extra decimals are zeros, without them", async () => {
    answering(period({ rate: new JsonDecimal("0.950000000000000"), inverse_rate: new JsonDecimal("1.052631578947") }), { payment_amount: new JsonDecimal("50.100000") });
    expect(await service().perform(cancelRequest(payment.vendorPaymentId))).toMatchObject({
      kind: "succeeded",
      details: { cancellation: { amount: "50.1000", currencyRatePeriod: { rate: "0.950000000000", inverseRate: "1.052631578947" } } },
    });
  });
});
