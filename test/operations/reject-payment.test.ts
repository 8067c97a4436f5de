import { PaymentState } from "../../src/domain/enums";
import { snapshotDatabase } from "../support/test-database";
import { useTestApi } from "../support/test-api";
import { demoPayment, REJECT_MUTATION } from "../support/operations";

const api = useTestApi();

describe("rejectPayment", () => {
  it("rejects a DRAFT CRM.COM payment and keeps the rejection reason", async () => {
    const payment = demoPayment("crmcom", PaymentState.DRAFT);
    const res = await api.graphql(REJECT_MUTATION, {
      input: { payment: { number: payment.number }, rejectionReason: { name: "Reject Due to Business Request" } },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.rejectPayment).toMatchObject({
      __typename: "RejectPaymentSuccess",
      payment: { lifeCycleState: "REJECTED", rejectionReason: { name: "Reject Due to Business Request" }, availableOperations: [] },
    });
    expect(api.emulator("crmcom").paymentState(payment.vendorPaymentId)).toMatch(/REJECTED/i);
  });

  it("rejects without a reason", async () => {
    const payment = demoPayment("crmcom", PaymentState.DRAFT, undefined, 1);
    const res = await api.graphql(REJECT_MUTATION, { input: { payment: { number: payment.number } } });
    expect(res.data.rejectPayment).toMatchObject({ __typename: "RejectPaymentSuccess", payment: { rejectionReason: null } });
  });

  it("answers ReferenceNotFoundError for an unknown reason, changing nothing", async () => {
    const payment = demoPayment("crmcom", PaymentState.DRAFT, "POSTPAID" as never);
    const before = await snapshotDatabase(api.dataSource);
    const res = await api.graphql(REJECT_MUTATION, { input: { payment: { number: payment.number }, rejectionReason: { alternativeCode: "NOPE" } } });
    expect(res.data.rejectPayment).toMatchObject({ __typename: "ReferenceNotFoundError", field: "rejectionReason" });
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });

  it("refuses a POSTED payment", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED);
    const res = await api.graphql(REJECT_MUTATION, { input: { payment: { number: payment.number } } });
    expect(res.data.rejectPayment).toMatchObject({
      __typename: "PaymentStateError",
      message: 'Only payments with "draft" status can be rejected.',
      currentState: "POSTED",
      allowedStates: ["DRAFT"],
    });
  });
});
