import { PaymentState } from "../../src/domain/enums";
import { useTestApi } from "../support/test-api";
import { CANCEL_MUTATION, demoPayment, PAYMENT_TYPE, VOID_MUTATION } from "../support/operations";

const api = useTestApi();

describe("exactly once under concurrency", () => {
  it("50 concurrent cancels of one payment with distinct keys: one success, one vendor call, one cancellation", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED);
    api.emulator("crmcom").setFaults({ latencyMs: 200 });
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE, idempotencyKey: `race-${i}` } }),
        ),
      );
      expect(results.every((r) => r.errors === undefined)).toBe(true);
      const typenames = results.map((r) => r.data.cancelPayment.__typename);
      expect(typenames.filter((t) => t === "CancelPaymentSuccess")).toHaveLength(1);
      // The others were refused as data: the operation was in progress, or the payment already cancelled.
      for (const t of typenames) expect(["CancelPaymentSuccess", "OperationInProgressError", "PaymentStateError"]).toContain(t);
    } finally {
      api.emulator("crmcom").clearFaults();
    }
    expect(api.emulator("crmcom").callCount(payment.vendorPaymentId)).toBe(1);
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM payment_cancellation c JOIN payment p ON p.id = c.payment_id WHERE p.number = $1`,
      [payment.number],
    );
    expect(count).toBe(1);
    const [{ operations }] = await api.dataSource.query(
      `SELECT count(*)::int AS operations FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = $1`,
      [payment.number],
    );
    expect(operations).toBe(1);
  });

  it("holds no transaction and no pooled connection while the vendor is called", async () => {
    const payment = demoPayment("convergegate", PaymentState.AUTHORIZED);
    const emulator = api.emulator("convergegate");
    emulator.setFaults({ latencyMs: 1500 });
    try {
      const pending = api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
      // Wait until the vendor has the request in hand.
      for (let i = 0; i < 100 && emulator.callCount(payment.vendorPaymentId) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
      const pool = (api.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
      expect(pool.totalCount - pool.idleCount).toBe(0);
      const [{ open }] = await api.dataSource.query(
        `SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      expect(open).toBe(0);
      const res = await pending;
      expect(res.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
    } finally {
      emulator.clearFaults();
    }
  });
});
