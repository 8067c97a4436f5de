import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { OperationRecovery } from "../../src/operations/operation-recovery";
import { CANCEL_MUTATION, demoPayment, PAYMENT_TYPE, VOID_MUTATION } from "../support/operations";
import { useTestApi } from "../support/test-api";

/**
 * A vendor that acted and then answered 504, or whose answer was lost, as its page alone
 * describes it (no "already done" answer to a repeat): the operation is never stored REFUSED,
 * our record never differs from the vendor's without an operator being asked, and the vendor
 * never acts twice.
 */
const api = useTestApi({ VENDOR_TIMEOUT_MS: "1000", VENDOR_RETRIES: "2", VENDOR_BREAKER_FAILURES: "1000" });

const OPERATION = `SELECT o.status, o.attempts, o.last_error AS "lastError", p.life_cycle_state AS state
  FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = $1`;

function recovery() {
  return new OperationRecovery(api.db, api.operations, { leaseMs: 60_000, intervalMs: 60_000, batchSize: 10 });
}

async function recoverNow(): Promise<void> {
  await api.dataSource.query(`UPDATE payment_operation SET lease_until = NULL, next_attempt_at = NULL WHERE status = 'IN_PROGRESS'`);
  await recovery().recoverOnce();
}

afterEach(() => {
  for (const vendor of ["convergegate", "crmcom"] as const) api.emulator(vendor).clearFaults();
});

describe("ConvergeGate voids, then a gateway answers 504", () => {
  it("is sent once in the call; recovery's repeat is refused by a gateway that says nothing more, and an operator is asked", async () => {
    const payment = demoPayment("convergegate", PaymentState.AUTHORIZED, PaymentModel.PREPAID, 0);
    const emulator = api.emulator("convergegate");
    emulator.setFaults({ applyThenFail: "answer504", pageOnly: true });

    const first = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number }, idempotencyKey: "void-504" } });
    expect(first.data.voidPayment).toMatchObject({ __typename: "VendorUnavailableError", retryable: true });
    // A 504 may follow a vendor that acted: never sent again inside the call.
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.CANCELLED);
    expect(await api.dataSource.query(OPERATION, [payment.number])).toMatchObject([{ status: "IN_PROGRESS", attempts: 1, state: PaymentState.AUTHORIZED }]);

    // The repeat meets a payment the gateway already cancelled; its page gives no "already voided" answer.
    emulator.setFaults({ applyThenFail: null, pageOnly: true });
    await recoverNow();
    const [operation] = await api.dataSource.query(OPERATION, [payment.number]);
    expect(operation).toMatchObject({ status: "NEEDS_ATTENTION", state: PaymentState.AUTHORIZED });
    expect(operation.lastError).toMatch(/refused the repeat/);
    expect(emulator.appliedCount(payment.vendorPaymentId)).toBe(1);

    // The key answers that an operator must settle it, never a refusal.
    const again = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number }, idempotencyKey: "void-504" } });
    expect(again.data.voidPayment.__typename).toBe("OperationNeedsAttentionError");
  });

  it("with the gateway's own \"already cancelled\" answer to the repeat, recovery records the void", async () => {
    const payment = demoPayment("convergegate", PaymentState.AUTHORIZED, PaymentModel.PREPAID, 1);
    const emulator = api.emulator("convergegate");
    emulator.setFaults({ applyThenFail: "answer504" });
    const first = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
    expect(first.data.voidPayment.__typename).toBe("VendorUnavailableError");
    emulator.clearFaults();
    await recoverNow();
    expect(await api.dataSource.query(OPERATION, [payment.number])).toMatchObject([{ status: "SUCCEEDED", state: PaymentState.CANCELLED }]);
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.CANCELLED);
    expect(emulator.appliedCount(payment.vendorPaymentId)).toBe(1);
  });
});

describe("CRM.COM answering as its page's example, its first answer lost", () => {
  it("gets the re-sent cancel with the same back office code: no second cancellation, and an operator settles it", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 0);
    const emulator = api.emulator("crmcom");
    emulator.setFaults({ applyThenFail: "dropConnection", pageOnly: true });

    const first = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE } });
    expect(first.data.cancelPayment.__typename).toBe("VendorUnavailableError");
    expect(emulator.payment(payment.vendorPaymentId)?.cancellations).toHaveLength(1);

    emulator.setFaults({ applyThenFail: null, pageOnly: true });
    await recoverNow();
    const [operation] = await api.dataSource.query(OPERATION, [payment.number]);
    expect(operation).toMatchObject({ status: "NEEDS_ATTENTION", state: PaymentState.POSTED });
    // Both requests carried the code derived from the operation: the vendor refused the second.
    const codes = emulator
      .requests()
      .map((request) => request.body as { payment_identifier?: { id?: string }; back_office_code?: string })
      .filter((body) => body.payment_identifier?.id === payment.vendorPaymentId)
      .map((body) => body.back_office_code);
    expect(codes).toHaveLength(2);
    expect(codes[0]).toMatch(/^OP-/);
    expect(codes[1]).toBe(codes[0]);
    expect(emulator.payment(payment.vendorPaymentId)?.cancellations).toHaveLength(1);
    expect(emulator.appliedCount(payment.vendorPaymentId)).toBe(1);
  });
});
