import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { OperationRecovery } from "../../src/operations/operation-recovery";
import { PaymentOperationPipeline } from "../../src/operations/operation-pipeline";
import { useTestApi } from "../support/test-api";
import { CANCEL_MUTATION, demoPayment, PAYMENT_TYPE, REJECT_MUTATION, VOID_MUTATION } from "../support/operations";

const api = useTestApi({ VENDOR_TIMEOUT_MS: "1500", VENDOR_RETRIES: "0", VENDOR_BREAKER_FAILURES: "1000" });

describe("recovery of operations left in progress", () => {
  it("two instances recovering at once never take the same operation; every one completes once", async () => {
    const targets = [
      ...[0, 1].map((i) => ({ p: demoPayment("convergegate", PaymentState.AUTHORIZED, PaymentModel.PREPAID, i), q: VOID_MUTATION, extra: {} })),
      ...[0, 1].map((i) => ({ p: demoPayment("planocore", PaymentState.PENDING, PaymentModel.PREPAID, i), q: VOID_MUTATION, extra: {} })),
      ...[0, 1].map((i) => ({ p: demoPayment("activeplatform", PaymentState.WAITING_FOR_PAYMENT, PaymentModel.PREPAID, i), q: CANCEL_MUTATION, extra: { type: PAYMENT_TYPE } })),
      ...[0, 1].map((i) => ({ p: demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, i), q: CANCEL_MUTATION, extra: { type: PAYMENT_TYPE } })),
      ...[0, 1].map((i) => ({ p: demoPayment("crmcom", PaymentState.DRAFT, PaymentModel.PREPAID, i), q: REJECT_MUTATION, extra: {} })),
    ];
    const vendors = ["convergegate", "planocore", "activeplatform", "crmcom"];
    for (const vendor of vendors) api.emulator(vendor).setFaults({ dropConnection: true });
    try {
      for (const { p, q, extra } of targets) {
        const res = await api.graphql(q, { input: { payment: { number: p.number }, ...extra } });
        expect(Object.values(res.data)[0]).toMatchObject({ __typename: "VendorUnavailableError" });
      }
    } finally {
      for (const vendor of vendors) api.emulator(vendor).clearFaults();
    }
    const [{ inProgress }] = await api.dataSource.query(`SELECT count(*)::int AS "inProgress" FROM payment_operation WHERE status = 'IN_PROGRESS'`);
    expect(inProgress).toBe(targets.length);

    // Two instances, each with its own pipeline, racing over the same operations.
    const instances = [1, 2].map(
      () => new OperationRecovery(api.db, new PaymentOperationPipeline(api.db, api.vendors), { leaseMs: 60_000, intervalMs: 1000, batchSize: 4 }),
    );
    let totals = { taken: 0, completed: 0 };
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(instances.map((instance) => instance.recoverOnce()));
      for (const r of results) totals = { taken: totals.taken + r.taken, completed: totals.completed + r.completed };
    }
    expect(totals).toEqual({ taken: targets.length, completed: targets.length });
    for (const { p } of targets) {
      // One call that lost its answer, one call by recovery (ActivePlatform also reads the payment back when told it is not waiting).
      const calls = api.emulator(p.vendorCode).callCount(p.vendorPaymentId);
      expect(calls).toBeGreaterThanOrEqual(2);
      expect(calls).toBeLessThanOrEqual(3);
    }
    const states = await api.dataSource.query(`SELECT status, count(*)::int AS count FROM payment_operation GROUP BY status`);
    expect(states).toEqual([{ status: "SUCCEEDED", count: targets.length }]);
    const [{ changes }] = await api.dataSource.query(`SELECT count(*)::int AS changes FROM payment_event WHERE type = 'STATE_CHANGED'`);
    expect(changes).toBe(targets.length);
  });

  it("takes each operation just before forwarding it, and a stop ends the round after the one under way", async () => {
    const targets = [
      { p: demoPayment("convergegate", PaymentState.AUTHORIZED, PaymentModel.POSTPAID), q: VOID_MUTATION },
      { p: demoPayment("planocore", PaymentState.PENDING, PaymentModel.POSTPAID), q: VOID_MUTATION },
      { p: demoPayment("crmcom", PaymentState.DRAFT, PaymentModel.POSTPAID), q: REJECT_MUTATION },
    ];
    for (const { p } of targets) api.emulator(p.vendorCode).setFaults({ dropConnection: true });
    for (const { p, q } of targets) {
      const res = await api.graphql(q, { input: { payment: { number: p.number } } });
      expect(Object.values(res.data)[0]).toMatchObject({ __typename: "VendorUnavailableError" });
    }
    for (const { p } of targets) api.emulator(p.vendorCode).setFaults({ dropConnection: false, latencyMs: 150 });
    const calls = () => targets.reduce((sum, { p }) => sum + api.emulator(p.vendorCode).callCount(p.vendorPaymentId), 0);
    const before = calls();
    try {
      const recovery = new OperationRecovery(api.db, api.operations, { leaseMs: 60_000, intervalMs: 1000, batchSize: 10 });
      const round = recovery.recoverOnce();
      for (let i = 0; i < 200 && calls() === before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      // One operation is being forwarded: only it holds a lease; the others wait untaken.
      const [{ leased }] = await api.dataSource.query(`SELECT count(*)::int AS leased FROM payment_operation WHERE status = 'IN_PROGRESS' AND lease_until > now()`);
      expect(leased).toBe(1);
      await recovery.stop();
      expect(await round).toEqual({ taken: 1, completed: 1 });
      expect(calls()).toBe(before + 1);
    } finally {
      for (const { p } of targets) api.emulator(p.vendorCode).clearFaults();
    }
    const rest = new OperationRecovery(api.db, api.operations, { leaseMs: 60_000, intervalMs: 1000, batchSize: 10 });
    expect(await rest.recoverOnce()).toEqual({ taken: 2, completed: 2 });
  });

  it("leaves an operation alone while the request that started it still holds its lease", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.POSTPAID);
    await api.dataSource.query(
      `INSERT INTO payment_operation (payment_id, operation, idempotency_scope, request_fingerprint, vendor_request, prepared, actor, lease_until)
       SELECT id, 'REJECT', '', repeat('0', 64), '{}', '{}', 'test', now() + interval '1 minute' FROM payment WHERE number = $1`,
      [payment.number],
    );
    const recovery = new OperationRecovery(api.db, api.operations, { leaseMs: 60_000, intervalMs: 1000, batchSize: 10 });
    expect(await recovery.recoverOnce()).toEqual({ taken: 0, completed: 0 });
  });
});
