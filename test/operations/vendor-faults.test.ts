import { PaymentModel, PaymentState } from "../../src/domain/enums";
import type { EmulatorFaults } from "../../src/vendors/emulator/emulator-faults";
import { OperationRecovery } from "../../src/operations/operation-recovery";
import { PaymentOperation } from "../../src/domain/payment-operation";
import { snapshotDatabase } from "../support/test-database";
import { startTestApi, type TestApi } from "../support/test-api";
import { INSTALLED_VENDORS } from "../../src/vendors/installed-vendors";
import { insertPayment } from "../support/payments";
import { CANCEL_MUTATION, demoPayment, OPERATION_MUTATIONS, PAYMENT_TYPE, VOID_MUTATION } from "../support/operations";

let api: TestApi;

async function startFaultTestApi() {
  const started = await startTestApi({ VENDOR_TIMEOUT_MS: "1000", VENDOR_RETRIES: "1", VENDOR_BREAKER_FAILURES: "1000" });
  return { api: started, recovery: new OperationRecovery(started.db, started.operations, { leaseMs: 60_000, intervalMs: 1000, batchSize: 50 }) };
}

/** One operation per vendor, from a demo payment in a state it starts from. */
const VENDOR_OPERATIONS = INSTALLED_VENDORS.flatMap((module) =>
  [...module.capabilities].map(([operation, states]) => ({ vendor: module.code, operation, state: states[0], ...OPERATION_MUTATIONS[operation] })),
);

/** Each fault, and whether the vendor made the change before the answer was lost. */
const FAULTS: Array<[string, Partial<EmulatorFaults>, boolean]> = [
  ["a silent vendor (latency beyond the timeout)", { latencyMs: 2500 }, false],
  ["HTTP 503 on every attempt", { failWith5xx: 503 }, false],
  ["no answer at all", { noAnswer: true }, false],
  ["a dropped connection", { dropConnection: true }, false],
  ["a malformed body", { malformedBody: true }, false],
  ["the change made, then a 500", { applyThenFail: "answer500" }, true],
  ["the change made, then the connection dropped", { applyThenFail: "dropConnection" }, true],
];

describe.each(FAULTS)("when the vendor fails with %s", (_name, faults, appliedAtVendor) => {
  let recovery: OperationRecovery;
  beforeAll(async () => {
    ({ api, recovery } = await startFaultTestApi());
  });
  afterAll(() => api.close());

  it.each(VENDOR_OPERATIONS)("$vendor $operation: VendorUnavailableError, left in progress, then completed once by recovery", async (target) => {
    const payment = demoPayment(target.vendor, target.state, PaymentModel.PREPAID);
    const emulator = api.emulator(target.vendor);
    const before = await api.dataSource.query(`SELECT life_cycle_state, version FROM payment WHERE number = $1`, [payment.number]);
    emulator.setFaults(faults);
    let res;
    try {
      const started = Date.now();
      res = await api.graphql(target.query, { input: { payment: { number: payment.number }, ...target.extra } });
      expect(Date.now() - started).toBeLessThan(6000);
    } finally {
      emulator.clearFaults();
    }
    expect(res.data[target.field]).toMatchObject({
      __typename: "VendorUnavailableError",
      code: "VENDOR_UNAVAILABLE",
      retryable: true,
      vendor: target.vendor.toUpperCase(),
    });
    expect(await api.dataSource.query(`SELECT life_cycle_state, version FROM payment WHERE number = $1`, [payment.number])).toEqual(before);
    const [operation] = await api.dataSource.query(
      `SELECT o.status, o.attempts FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = $1`,
      [payment.number],
    );
    expect(operation).toEqual({ status: "IN_PROGRESS", attempts: 1 });
    expect(emulator.paymentState(payment.vendorPaymentId) === before[0].life_cycle_state).toBe(!appliedAtVendor);

    expect(await recovery.recoverOnce()).toEqual({ taken: 1, completed: 1 });
    const after = await api.graphql(`query($n: String!) { payment(identifier: { number: $n }) { lifeCycleState cancellation { id } events { type } } }`, {
      n: payment.number,
    });
    expect(after.data.payment.lifeCycleState).toBe(target.operation === PaymentOperation.REJECT ? "REJECTED" : "CANCELLED");
    expect(after.data.payment.cancellation !== null).toBe(target.operation === PaymentOperation.CANCEL);
    expect(after.data.payment.events.map((e: any) => e.type)).toEqual(["OPERATION_STARTED", "VENDOR_OUTCOME_UNKNOWN", "STATE_CHANGED"]);
    expect(emulator.paymentState(payment.vendorPaymentId)).not.toBe(before[0].life_cycle_state);
    expect(await recovery.recoverOnce()).toEqual({ taken: 0, completed: 0 });
  });
});

describe("refusals by the vendor", () => {
  beforeAll(async () => {
    ({ api } = await startFaultTestApi());
  });
  afterAll(() => api.close());

  it("a payment the vendor does not know: VendorRejectedError, payment unchanged, operation refused and replayed", async () => {
    await insertPayment(api.dataSource, { number: "UNKNOWN-AT-VENDOR", vendorCode: "convergegate", vendorPaymentId: "f".repeat(32) });
    const input = { payment: { number: "UNKNOWN-AT-VENDOR" }, idempotencyKey: "unknown-at-vendor" };
    const res = await api.graphql(VOID_MUTATION, { input });
    const result = res.data.voidPayment;
    expect(result).toMatchObject({ __typename: "VendorRejectedError", code: "VENDOR_REJECTED", vendor: "CONVERGEGATE", retryable: false });
    expect(result.vendorCode).toEqual(expect.any(String));
    expect(JSON.stringify(result)).not.toContain(api.emulator("convergegate").secret);
    const [row] = await api.dataSource.query(
      `SELECT p.life_cycle_state, o.status FROM payment p JOIN payment_operation o ON o.payment_id = p.id WHERE p.number = 'UNKNOWN-AT-VENDOR'`,
    );
    expect(row).toEqual({ life_cycle_state: "AUTHORIZED", status: "REFUSED" });
    const snapshot = await snapshotDatabase(api.dataSource);
    expect((await api.graphql(VOID_MUTATION, { input })).data.voidPayment).toEqual(result);
    expect(await snapshotDatabase(api.dataSource)).toEqual(snapshot);
  });

  it("a payment already cancelled at the vendor counts as success", async () => {
    const payment = demoPayment("activeplatform", PaymentState.WAITING_FOR_PAYMENT, PaymentModel.PREPAID, 1);
    const emulator = api.emulator("activeplatform");
    const cancelledAtVendor = await fetch(`${emulator.baseUrl}/api/v3/resellers/${payment.vendorResellerId}/payments/${payment.vendorPaymentId}`, {
      method: "DELETE",
      headers: { "X-Api-Token": emulator.secret, "Content-Type": "application/vnd.api+json", Accept: "application/vnd.api+json" },
    });
    expect(cancelledAtVendor.status).toBe(200);
    const res = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE } });
    expect(res.data.cancelPayment).toMatchObject({ __typename: "CancelPaymentSuccess", payment: { lifeCycleState: "CANCELLED" } });
  });

  it("never writes a vendor secret into events or operations", async () => {
    const rows = await api.dataSource.query(`SELECT (SELECT json_agg(e) FROM payment_event e)::text AS events, (SELECT json_agg(o) FROM payment_operation o)::text AS operations`);
    for (const emulator of api.vendors.all().map((s) => api.emulator(s.vendor))) {
      expect(rows[0].events).not.toContain(emulator.secret);
      expect(rows[0].operations).not.toContain(emulator.secret);
    }
  });
});
