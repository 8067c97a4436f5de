import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { startApiServer } from "../../src/server/api-server";
import { postGraphQL } from "../support/test-api";
import { snapshotDatabase } from "../support/test-database";
import { useTestApi } from "../support/test-api";
import { requestFingerprint } from "../../src/operations/request-fingerprint";
import { CANCEL_MUTATION, demoPayment, PAYMENT_TYPE, VOID_MUTATION } from "../support/operations";

const api = useTestApi();

describe("idempotency keys", () => {
  const payment = demoPayment("crmcom", PaymentState.POSTED);
  const input = { payment: { number: payment.number }, type: PAYMENT_TYPE, notes: "once", idempotencyKey: "cancel-once-1" };

  it("answers a repeated request with the stored result and calls the vendor once, also after a restart", async () => {
    const first = await api.graphql(CANCEL_MUTATION, { input });
    expect(first.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
    const afterFirst = await snapshotDatabase(api.dataSource);

    const again = await api.graphql(CANCEL_MUTATION, { input: { ...input, notes: "once" } });
    expect(again.data).toEqual(first.data);

    // A new server process on the same database still knows the key.
    const restarted = await startApiServer({ db: api.db, vendors: api.vendors, operations: api.operations, limits: api.limits }, 0);
    try {
      const third = await postGraphQL(restarted.url, CANCEL_MUTATION, { input }, { authorization: `Bearer ${api.token}` });
      expect(third.data).toEqual(first.data);
    } finally {
      await restarted.stop();
    }
    expect(api.emulator("crmcom").callCount(payment.vendorPaymentId)).toBe(1);
    expect(await snapshotDatabase(api.dataSource)).toEqual(afterFirst);
  });

  it("keeps the fingerprint of a stored key when the input gains a field with a default", async () => {
    const target = demoPayment("convergegate", PaymentState.AUTHORIZED);
    const sent = { payment: { number: target.number }, idempotencyKey: "fingerprint-1" };
    const res = await api.graphql(VOID_MUTATION, { input: sent });
    expect(res.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
    const [{ stored }] = await api.dataSource.query(`SELECT request_fingerprint AS stored FROM payment_operation WHERE idempotency_key = 'fingerprint-1'`);
    expect(requestFingerprint("VOID", sent)).toBe(stored);
    // After a deploy, the command has a new field that clients leave at its default.
    const later = { ...sent, notifyCustomer: false };
    expect(requestFingerprint("VOID", later, { notifyCustomer: false })).toBe(stored);
    expect(requestFingerprint("VOID", { ...sent, notifyCustomer: true }, { notifyCustomer: false })).not.toBe(stored);
    expect(requestFingerprint("VOID", later)).not.toBe(stored);
  });

  it("refuses the same key with a different request, changing nothing", async () => {
    const before = await snapshotDatabase(api.dataSource);
    const res = await api.graphql(CANCEL_MUTATION, { input: { ...input, notes: "something else" } });
    expect(res.data.cancelPayment).toMatchObject({ __typename: "IdempotencyKeyReuseError", code: "IDEMPOTENCY_KEY_REUSE", idempotencyKey: "cancel-once-1" });
    const other = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number }, idempotencyKey: "cancel-once-1" } });
    expect(other.data.voidPayment.__typename).toBe("IdempotencyKeyReuseError");
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });

  it("treats the same input in another field order as the same request", async () => {
    const target = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 1);
    const a = await api.graphql(CANCEL_MUTATION, { input: { idempotencyKey: "order-1", notes: "n", type: PAYMENT_TYPE, payment: { number: target.number } } });
    const b = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: target.number }, type: PAYMENT_TYPE, notes: "n", idempotencyKey: "order-1" } });
    expect(a.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
    expect(b.data).toEqual(a.data);
  });

  it("replays a refusal: a rule refusal is not stored, so the same key works once the rule passes", async () => {
    const target = demoPayment("convergegate", PaymentState.PENDING);
    const refused = await api.graphql(VOID_MUTATION, { input: { payment: { number: target.number }, idempotencyKey: "void-refused" } });
    expect(refused.data.voidPayment.__typename).toBe("PaymentStateError");
    const [{ count }] = await api.dataSource.query(`SELECT count(*)::int AS count FROM payment_operation WHERE idempotency_key = 'void-refused'`);
    expect(count).toBe(0);
  });
});
