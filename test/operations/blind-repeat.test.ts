import { PaymentState } from "../../src/domain/enums";
import { OperationRecovery } from "../../src/operations/operation-recovery";
import { INSTALLED_VENDORS } from "../../src/vendors/installed-vendors";
import { definePayFlow } from "../support/example-vendor";
import { VOID_MUTATION } from "../support/operations";
import { useTestApi } from "../support/test-api";

/**
 * A vendor that gives no way to recognise a repeat (repeat safety "none"): after an unknown
 * outcome the operation goes to an operator; nothing is ever sent to the vendor a second time.
 */
const PAYFLOW = definePayFlow("none");
const api = useTestApi({ VENDOR_RETRIES: "0" }, undefined, {}, [...INSTALLED_VENDORS, PAYFLOW]);

const OPERATION = `SELECT o.status, o.attempts, o.last_error AS "lastError", p.life_cycle_state AS state
  FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = $1`;

afterEach(() => api.emulator("payflow").clearFaults());

describe("an unknown outcome at a vendor that cannot recognise a repeat", () => {
  it("needs attention at once: the vendor acted and answered 504, and recovery does not send it again", async () => {
    // Its demo payments, loaded with the others: PF-0001 and PF-0002, both AUTHORIZED.
    const payment = PAYFLOW.demoPayments[0];
    const emulator = api.emulator("payflow");
    emulator.setFaults({ applyThenFail: "answer504" });

    const res = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
    expect(res.data.voidPayment).toMatchObject({ __typename: "OperationNeedsAttentionError", code: "OPERATION_NEEDS_ATTENTION" });
    const [operation] = await api.dataSource.query(OPERATION, [payment.number]);
    expect(operation).toMatchObject({ status: "NEEDS_ATTENTION", attempts: 1, state: PaymentState.AUTHORIZED });
    expect(operation.lastError).toMatch(/HTTP 504.*no way to recognise a repeat/);
    // The vendor did act: an operator settles it from the vendor's records.
    expect(emulator.paymentState("PF-0001")).toBe(PaymentState.CANCELLED);

    await api.dataSource.query(`UPDATE payment_operation SET lease_until = NULL, next_attempt_at = NULL`);
    expect(await new OperationRecovery(api.db, api.operations).recoverOnce()).toEqual({ taken: 0, completed: 0 });
    expect(emulator.callCount("PF-0001")).toBe(1);
  });

  it("is not re-sent by recovery after a crash that left it in progress with no answer kept", async () => {
    const payment = PAYFLOW.demoPayments[1];
    const emulator = api.emulator("payflow");
    const res = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
    expect(res.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
    // What a crash between phase 1 and the vendor's answer leaves: in progress, no outcome, lease run out.
    await api.dataSource.query(
      `UPDATE payment_operation o SET status = 'IN_PROGRESS', result = NULL, vendor_outcome = NULL, attempts = 0, completed_at = NULL, lease_until = now() - interval '1 second'
         FROM payment p WHERE p.id = o.payment_id AND p.number = $1`,
      [payment.number],
    );
    await api.dataSource.query(`UPDATE payment SET life_cycle_state = 'AUTHORIZED', closed_at = NULL WHERE number = $1`, [payment.number]);
    await api.dataSource.query(`DELETE FROM payment_event e USING payment p WHERE p.id = e.payment_id AND p.number = $1 AND e.type = 'STATE_CHANGED'`, [payment.number]);
    const calls = emulator.callCount("PF-0002");

    expect(await new OperationRecovery(api.db, api.operations).recoverOnce()).toEqual({ taken: 1, completed: 1 });
    const [operation] = await api.dataSource.query(OPERATION, [payment.number]);
    expect(operation).toMatchObject({ status: "NEEDS_ATTENTION", state: PaymentState.AUTHORIZED });
    expect(operation.lastError).toMatch(/earlier attempt may have reached the vendor.*no way to recognise a repeat/);
    expect(emulator.callCount("PF-0002")).toBe(calls);
  });
});
