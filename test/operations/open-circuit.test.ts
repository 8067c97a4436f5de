import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { OperationRecovery } from "../../src/operations/operation-recovery";
import { PaymentOperationPipeline } from "../../src/operations/operation-pipeline";
import { useTestApi } from "../support/test-api";
import { demoPayment, VOID_MUTATION } from "../support/operations";

// One unknown outcome opens a vendor's circuit, for longer than the test.
const api = useTestApi({ VENDOR_TIMEOUT_MS: "1500", VENDOR_RETRIES: "0", VENDOR_BREAKER_FAILURES: "1", VENDOR_BREAKER_RESET_MS: "600000" });

it("an open circuit spends no attempt: the operation waits in progress instead of needing attention", async () => {
  const payment = demoPayment("planocore", PaymentState.PENDING, PaymentModel.PREPAID, 0);
  api.emulator("planocore").setFaults({ dropConnection: true });
  const res = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
  expect(res.data.voidPayment.__typename).toBe("VendorUnavailableError");
  api.emulator("planocore").clearFaults();
  const callsBefore = api.emulator("planocore").callCount(payment.vendorPaymentId);

  // Two attempts allowed: the first was spent; repeats meet the open circuit and spend none.
  const pipeline = new PaymentOperationPipeline(api.db, api.vendors, { maxAttempts: 2, retryBackoffMs: 0 });
  const recovery = new OperationRecovery(api.db, pipeline, { leaseMs: 60_000, intervalMs: 1000, batchSize: 10 });
  for (let round = 0; round < 3; round++) expect(await recovery.recoverOnce()).toEqual({ taken: 1, completed: 0 });

  const [operation] = await api.dataSource.query(
    `SELECT o.status, o.attempts, o.last_error FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = $1`,
    [payment.number],
  );
  expect(operation).toEqual({ status: "IN_PROGRESS", attempts: 1, last_error: "circuit open" });
  expect(api.emulator("planocore").callCount(payment.vendorPaymentId)).toBe(callsBefore);
});
