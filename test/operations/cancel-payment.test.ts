import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { snapshotDatabase } from "../support/test-database";
import { useTestApi } from "../support/test-api";
import { CANCEL_MUTATION, demoPayment, PAYMENT_TYPE, refusedWithoutChange } from "../support/operations";

const api = useTestApi();

const cancelRefused = (input: Record<string, unknown>) => refusedWithoutChange(api, CANCEL_MUTATION, "cancelPayment", input);

describe("cancelPayment", () => {
  it("cancels a POSTED CRM.COM payment, creating a POSTED payment cancellation with every given field", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED);
    const res = await api.graphql(CANCEL_MUTATION, {
      input: {
        payment: { number: payment.number },
        type: { alternativeCode: "PCAN" },
        category: { name: "Cancellation Because of Mistake" },
        notes: "Entered twice",
        backOfficeCode: "BO-CANCEL-1",
        issueReason: "Duplicate payment",
        udfString1: "first",
        udfString8: "eighth",
        udfFloat1: "12.3456789012",
        udfFloat4: "-0.5",
        udfDate1: "2025-02-28",
      },
    });
    expect(res.errors).toBeUndefined();
    const result = res.data.cancelPayment;
    expect(result.__typename).toBe("CancelPaymentSuccess");
    expect(result.payment).toMatchObject({ lifeCycleState: "CANCELLED", availableOperations: [] });
    expect(result.cancellation).toMatchObject({
      lifeCycleState: "POSTED",
      amount: payment.amount.replace(/\.?0+$/, ""),
      notes: "Entered twice",
      backOfficeCode: "BO-CANCEL-1",
      issueReason: "Duplicate payment",
      udfString1: "first",
      udfString8: "eighth",
      udfFloat1: "12.3456789012",
      udfFloat4: "-0.5",
      udfDate1: "2025-02-28",
      type: { name: "Payment Cancellation" },
      category: { code: "MISTAKE" },
      payment: { number: payment.number },
    });
    expect(result.cancellation.number).toEqual(expect.any(String));
    expect(result.cancellation.referenceNumber).toEqual(expect.any(String));
    expect(api.emulator("crmcom").callCount(payment.vendorPaymentId)).toBe(1);
    const [{ count }] = await api.dataSource.query(`SELECT count(*)::int AS count FROM payment_cancellation WHERE payment_id = $1`, [result.payment.id]);
    expect(count).toBe(1);
  });

  it("cancels a WAITING_FOR_PAYMENT ActivePlatform payment with the rate period in force", async () => {
    const payment = demoPayment("activeplatform", PaymentState.WAITING_FOR_PAYMENT);
    const res = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE } });
    const result = res.data.cancelPayment;
    expect(result.__typename).toBe("CancelPaymentSuccess");
    const [expected] = await api.dataSource.query(
      `SELECT rate FROM currency_rate_period p JOIN currency c ON c.id = p.currency_id
        WHERE c.code = $1 AND daterange(from_date, to_date, '[]') @> current_date`,
      [payment.currencyCode],
    );
    expect(result.cancellation.currencyRatePeriod?.rate ?? null).toBe(expected ? expected.rate.replace(/\.?0+$/, "") : null);
    expect(api.emulator("activeplatform").paymentState(payment.vendorPaymentId)).toMatch(/cancel/i);
  });

  it("forwards a cancel of a POSTPAID CRM.COM payment: the prepaid-only rule is ActivePlatform's alone", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.POSTPAID);
    const res = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE } });
    expect(res.data.cancelPayment).toMatchObject({ __typename: "CancelPaymentSuccess", payment: { lifeCycleState: "CANCELLED" } });
    expect(api.emulator("crmcom").paymentState(payment.vendorPaymentId)).toBe(PaymentState.CANCELLED);
  });

  it("refuses a POSTPAID ActivePlatform payment with the vendor's own words, before calling it", async () => {
    const payment = demoPayment("activeplatform", PaymentState.WAITING_FOR_PAYMENT, PaymentModel.POSTPAID);
    const calls = api.emulator("activeplatform").callCount(payment.vendorPaymentId);
    const result = await cancelRefused({ payment: { number: payment.number }, type: PAYMENT_TYPE });
    expect(result).toMatchObject({
      __typename: "PostpaidPaymentError",
      code: "POSTPAID_PAYMENT",
      message: "Only payments for prepaid payment model can be cancelled.",
      paymentModel: "POSTPAID",
    });
    expect(api.emulator("activeplatform").callCount(payment.vendorPaymentId)).toBe(calls);
  });

  it("refuses an ActivePlatform payment that is not waiting for payment, in the vendor's words", async () => {
    const payment = demoPayment("activeplatform", PaymentState.POSTED);
    const result = await cancelRefused({ payment: { number: payment.number }, type: PAYMENT_TYPE });
    expect(result).toMatchObject({
      __typename: "PaymentStateError",
      message: 'Only payments with "waiting for payment" status can be cancelled.',
      currentState: "POSTED",
      allowedStates: ["WAITING_FOR_PAYMENT"],
    });
  });

  it.each([
    [{ type: { name: "No Such Type" } }, "type"],
    [{ type: PAYMENT_TYPE, category: { code: "NOPE" } }, "category"],
    [{ type: { id: "00000000-0000-4000-8000-000000000000" } }, "type"],
  ])("answers ReferenceNotFoundError for %j", async (references, field) => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 1);
    const result = await cancelRefused({ payment: { number: payment.number }, ...references });
    expect(result).toMatchObject({ __typename: "ReferenceNotFoundError", code: "REFERENCE_NOT_FOUND", field });
  });

  it("answers DuplicateBackOfficeCodeError for a back office code already used by the same reseller", async () => {
    // Codes are unique per reseller owning the payment: both payments belong to one reseller.
    const earlier = demoPayment("activeplatform", PaymentState.WAITING_FOR_PAYMENT, PaymentModel.PREPAID, 1);
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 1);
    expect(payment.resellerCode).toBe(earlier.resellerCode);
    const done = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: earlier.number }, type: PAYMENT_TYPE, backOfficeCode: "BO-CANCEL-2" } });
    expect(done.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
    const result = await cancelRefused({ payment: { number: payment.number }, type: PAYMENT_TYPE, backOfficeCode: "BO-CANCEL-2" });
    expect(result).toMatchObject({ __typename: "DuplicateBackOfficeCodeError", backOfficeCode: "BO-CANCEL-2" });
  });

  it.each([
    [{ udfFloat1: "1.12345678901" }, "udfFloat1", "udfFloat1 takes at most 20 integer digits and 10 decimals"],
    [{ udfString3: "x".repeat(256) }, "udfString3", "udfString3 must be shorter than or equal to 255 characters"],
    [{ notes: "n".repeat(2001) }, "notes", "notes must be shorter than or equal to 2000 characters"],
    [{ backOfficeCode: "" }, "backOfficeCode", "backOfficeCode must be longer than or equal to 1 characters"],
    [{ type: { name: "" } }, "type.name", "name must be longer than or equal to 1 characters"],
  ])("answers ValidationError for %j", async (fields, field, message) => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 1);
    const result = await cancelRefused({ payment: { number: payment.number }, type: PAYMENT_TYPE, ...fields });
    expect(result.__typename).toBe("ValidationError");
    expect(result.fieldErrors).toContainEqual({ field, message });
  });

  it.each([
    [{ udfFloat1: 1.5 }, /Decimal values are strings/],
    [{ udfDate2: "2025-13-01" }, /Date/],
    [{ type: { name: "a", alternativeCode: "b" } }, /exactly one key/i],
  ])("refuses %j before running", async (fields, message) => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 1);
    const before = await snapshotDatabase(api.dataSource);
    const res = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE, ...fields } });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toMatch(message);
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });
});
