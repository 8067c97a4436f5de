import { PaymentState } from "../../src/domain/enums";
import { useTestApi } from "../support/test-api";
import { demoPayment, VOID_MUTATION, refusedWithoutChange } from "../support/operations";

const api = useTestApi();

const voidRefused = (input: Record<string, unknown>) => refusedWithoutChange(api, VOID_MUTATION, "voidPayment", input);

describe("voidPayment", () => {
  it("voids an AUTHORIZED ConvergeGate payment: CANCELLED at the vendor and here, with its history", async () => {
    const payment = demoPayment("convergegate", PaymentState.AUTHORIZED);
    const before = await api.graphql(`query($n: String!) { payment(identifier: { number: $n }) { availableOperations } }`, { n: payment.number });
    expect(before.data.payment.availableOperations).toEqual(["VOID"]);

    const res = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
    expect(res.errors).toBeUndefined();
    const result = res.data.voidPayment;
    expect(result.__typename).toBe("VoidPaymentSuccess");
    expect(result.payment).toMatchObject({ number: payment.number, lifeCycleState: "CANCELLED", availableOperations: [] });
    expect(result.payment.closedAt).toEqual(expect.any(String));
    expect(result.payment.events.map((e: any) => [e.type, e.fromState, e.toState, e.vendorOutcome])).toEqual([
      ["OPERATION_STARTED", "AUTHORIZED", null, null],
      ["STATE_CHANGED", "AUTHORIZED", "CANCELLED", "SUCCEEDED"],
    ]);
    expect(api.emulator("convergegate").callCount(payment.vendorPaymentId)).toBe(1);
    expect(api.emulator("convergegate").paymentState(payment.vendorPaymentId)).toMatch(/CANCELLED/i);
    const [operation] = await api.dataSource.query(`SELECT status, result FROM payment_operation WHERE payment_id = $1`, [result.payment.id]);
    expect(operation.status).toBe("SUCCEEDED");
  });

  it("voids a PENDING PlanoCore payment by its reference number", async () => {
    const payment = demoPayment("planocore", PaymentState.PENDING);
    const res = await api.graphql(VOID_MUTATION, { input: { payment: { referenceNumber: payment.referenceNumber }, idempotencyKey: "void-plano-1" } });
    expect(res.data.voidPayment).toMatchObject({ __typename: "VoidPaymentSuccess", payment: { lifeCycleState: "CANCELLED" } });
    expect(api.emulator("planocore").callCount(payment.vendorPaymentId)).toBe(1);
  });

  it("refuses a PENDING ConvergeGate payment: the vendor voids AUTHORIZED ones only", async () => {
    const payment = demoPayment("convergegate", PaymentState.PENDING);
    const result = await voidRefused({ payment: { number: payment.number } });
    expect(result).toEqual({
      __typename: "PaymentStateError",
      code: "PAYMENT_STATE",
      message: 'Only payments with "authorized" status can be voided.',
      retryable: false,
      currentState: "PENDING",
      allowedStates: ["AUTHORIZED"],
    });
    expect(api.emulator("convergegate").callCount(payment.vendorPaymentId)).toBe(0);
  });

  it("answers PaymentNotFoundError for an unknown payment", async () => {
    const result = await voidRefused({ payment: { number: "no-such-payment" } });
    expect(result).toMatchObject({ __typename: "PaymentNotFoundError", code: "PAYMENT_NOT_FOUND", retryable: false });
  });

  it("answers OperationNotSupportedError for a vendor that does not void", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED);
    const result = await voidRefused({ payment: { number: payment.number } });
    expect(result).toMatchObject({ __typename: "OperationNotSupportedError", vendor: "CRMCOM", operation: "VOID" });
  });

  it.each([
    [{ payment: { id: "not-a-uuid" } }, "payment.id", "id must be a UUID"],
    [{ payment: { number: "" } }, "payment.number", "number must be longer than or equal to 1 characters"],
    [{ payment: { number: "1001" }, idempotencyKey: "has space" }, "idempotencyKey", "idempotencyKey takes printable ASCII characters without spaces"],
    [{ payment: { number: "1001" }, idempotencyKey: "k".repeat(201) }, "idempotencyKey", "idempotencyKey must be shorter than or equal to 200 characters"],
  ])("answers ValidationError for %j", async (input, field, message) => {
    const result = await voidRefused(input);
    expect(result.__typename).toBe("ValidationError");
    expect(result.code).toBe("VALIDATION");
    expect(result.fieldErrors).toContainEqual({ field, message });
  });

  it("refuses an identifier with two fields before running", async () => {
    const res = await api.graphql(VOID_MUTATION, { input: { payment: { number: "1001", id: "00000000-0000-4000-8000-000000000000" } } });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});
