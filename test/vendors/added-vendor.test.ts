import type { GraphQLEnumType, GraphQLSchema } from "graphql";
import { PaymentState } from "../../src/domain/enums";
import { buildApiSchema } from "../../src/graphql/schema";
import { INSTALLED_VENDORS } from "../../src/vendors/installed-vendors";
import { payFlow } from "../support/example-vendor";
import { insertPayment } from "../support/payments";
import { VOID_MUTATION } from "../support/operations";
import { useTestApi } from "../support/test-api";
import { snapshotDatabase } from "../support/test-database";
import { VENDOR_CASES, vendorCase } from "./vendor-test-kit";

/**
 * Adding a vendor is its folder and one line in the list: here the line is the test's own list,
 * given to the composition root (buildApp, through the test API). PayFlow exists only in the
 * tests, with its own emulator, a real HTTP server on loopback.
 */
const MODULES = [...INSTALLED_VENDORS, payFlow];

const api = useTestApi({}, undefined, {}, MODULES);

const PAYMENT = `query($n: String!) { payment(identifier: { number: $n }) { number vendorCode vendorPaymentId lifeCycleState availableOperations } }`;

describe("a vendor module added to the list given to the composition root", () => {
  it("has its demo payments loaded with the others, answered with its own vendorCode", async () => {
    const [first] = payFlow.demoPayments;
    const res = await api.graphql(PAYMENT, { n: first.number });
    expect(res.errors).toBeUndefined();
    expect(res.data.payment).toEqual({
      number: "1901",
      vendorCode: "PAYFLOW",
      vendorPaymentId: "PF-0001",
      lifeCycleState: PaymentState.AUTHORIZED,
      availableOperations: ["VOID"],
    });
    const listed = await api.graphql(`{ payments(filter: { vendor: PAYFLOW }) { totalCount edges { node { number vendorCode } } } }`);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.payments.totalCount).toBe(payFlow.demoPayments.length);
    expect(listed.data.payments.edges.map((edge: { node: { vendorCode: string } }) => edge.node.vendorCode)).toEqual(["PAYFLOW", "PAYFLOW"]);
  });

  it("voids one of its payments through its handler and its emulator, and the payment still answers its vendorCode", async () => {
    const [first] = payFlow.demoPayments;
    const res = await api.graphql(VOID_MUTATION, { input: { payment: { number: first.number } } });
    expect(res.errors).toBeUndefined();
    expect(res.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
    expect(res.data.voidPayment.payment.lifeCycleState).toBe(PaymentState.CANCELLED);
    expect(api.emulator("payflow").paymentState("PF-0001")).toBe(PaymentState.CANCELLED);
    expect(api.emulator("payflow").lastRequest()?.headers["x-api-key"]).toBe("payflow-demo-key");

    const after = await api.graphql(PAYMENT, { n: first.number });
    expect(after.errors).toBeUndefined();
    expect(after.data.payment).toMatchObject({ vendorCode: "PAYFLOW", lifeCycleState: PaymentState.CANCELLED, availableOperations: [] });
  });

  it("is refused by the vendor's rules like any vendor: a payment in another state is not voided", async () => {
    const payment = await insertPayment(api.dataSource, { vendorCode: "payflow", vendorPaymentId: "PF-0003", lifeCycleState: PaymentState.POSTED });
    const before = await snapshotDatabase(api.dataSource);
    const res = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
    expect(res.data.voidPayment).toMatchObject({ __typename: "PaymentStateError", currentState: "POSTED", allowedStates: ["AUTHORIZED"] });
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
    expect(api.emulator("payflow").callCount("PF-0003")).toBe(0);
  });

  it("has its payment id format checked by the database", async () => {
    const before = await snapshotDatabase(api.dataSource);
    await expect(insertPayment(api.dataSource, { vendorCode: "payflow", vendorPaymentId: "0001" })).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: "23514", constraint: "payment_vendor_payment_id_format" }),
    });
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });

  it("is a VendorCode value of this instance's schema, not of the installed vendors' one (schema.graphql)", () => {
    const values = (schema: GraphQLSchema) => (schema.getType("VendorCode") as GraphQLEnumType).getValues().map((value) => value.name);
    expect(values(buildApiSchema(api.vendors.codes()))).toEqual([...INSTALLED_VENDORS.map((module) => module.code.toUpperCase()), "PAYFLOW"]);
    expect(values(buildApiSchema())).not.toContain("PAYFLOW");
  });

  it("joins the shared vendor tests by being in the list", () => {
    expect(VENDOR_CASES.map((c) => c.vendor)).toEqual(INSTALLED_VENDORS.map((module) => module.code));
    expect(vendorCase(payFlow).payment(3)).toMatchObject({ vendorPaymentId: "PF-0003", lifeCycleState: PaymentState.AUTHORIZED });
  });
});
