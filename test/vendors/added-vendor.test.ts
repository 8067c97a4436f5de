import { PaymentState } from "../../src/domain/enums";
import { INSTALLED_VENDORS } from "../../src/vendors/installed-vendors";
import { payFlow } from "../support/example-vendor";
import { insertPayment } from "../support/payments";
import { VOID_MUTATION } from "../support/operations";
import { useTestApi } from "../support/test-api";
import { snapshotDatabase } from "../support/test-database";
import { VENDOR_CASES, vendorCase } from "./vendor-test-kit";

/** Adding a vendor is its folder and one line in the list: here the line is the test's own list. */
const MODULES = [...INSTALLED_VENDORS, payFlow];

const api = useTestApi({}, undefined, {}, MODULES);

describe("a vendor module added to the list", () => {
  it("voids a payment through its adapter and its emulator", async () => {
    // One of its own demo payments: the emulator holds the same record.
    const payment = await insertPayment(api.dataSource, { vendorCode: "payflow", vendorPaymentId: payFlow.demoPayments[0].vendorPaymentId });
    const listed = await api.graphql(`query($n: String!) { payment(identifier: { number: $n }) { availableOperations } }`, { n: payment.number });
    expect(listed.data.payment.availableOperations).toEqual(["VOID"]);

    const res = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
    expect(res.errors).toBeUndefined();
    expect(res.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
    expect(res.data.voidPayment.payment.lifeCycleState).toBe(PaymentState.CANCELLED);
    expect(api.emulator("payflow").paymentState("PF-0001")).toBe(PaymentState.CANCELLED);
    expect(api.emulator("payflow").lastRequest()?.headers["x-api-key"]).toBe("payflow-demo-key");
  });

  it("is refused by the vendor's rules like any vendor: a payment in another state is not voided", async () => {
    const payment = await insertPayment(api.dataSource, { vendorCode: "payflow", vendorPaymentId: "PF-0002", lifeCycleState: PaymentState.POSTED });
    const before = await snapshotDatabase(api.dataSource);
    const res = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
    expect(res.data.voidPayment).toMatchObject({ __typename: "PaymentStateError", currentState: "POSTED", allowedStates: ["AUTHORIZED"] });
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
    expect(api.emulator("payflow").callCount("PF-0002")).toBe(0);
  });

  it("has its payment id format checked by the database", async () => {
    const before = await snapshotDatabase(api.dataSource);
    await expect(insertPayment(api.dataSource, { vendorCode: "payflow", vendorPaymentId: "0001" })).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: "23514", constraint: "payment_vendor_payment_id_format" }),
    });
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });

  it("joins the shared vendor tests by being in the list", () => {
    expect(VENDOR_CASES.map((c) => c.vendor)).toEqual(INSTALLED_VENDORS.map((module) => module.code));
    expect(vendorCase(payFlow).payment(3)).toMatchObject({ vendorPaymentId: "PF-0003", lifeCycleState: PaymentState.AUTHORIZED });
  });
});
