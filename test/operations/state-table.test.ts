import { PaymentModel, PaymentState, type VendorCode } from "../../src/domain/enums";
import { LIFE_CYCLE, PaymentOperation } from "../../src/domain/payment-operation";
import { installedVendor, INSTALLED_VENDORS } from "../../src/vendors/installed-vendors";
import { snapshotDatabase } from "../support/test-database";
import { insertPayment } from "../support/payments";
import { useTestApi } from "../support/test-api";
import { demoPayment, OPERATION_MUTATIONS } from "../support/operations";

const api = useTestApi();

const cells = INSTALLED_VENDORS.map((module) => module.code).flatMap((vendor) =>
  Object.values(PaymentState).flatMap((state) => Object.values(PaymentOperation).map((operation) => ({ vendor, state, operation }))),
);

let sequence = 0;
/** A prepaid payment of the vendor in the state: a demo one (known to the emulator) when the cell succeeds. */
async function paymentFor(vendor: VendorCode, state: PaymentState, succeeds: boolean): Promise<string> {
  if (succeeds) return demoPayment(vendor, state, PaymentModel.PREPAID).number;
  sequence += 1;
  const { vendorPaymentId } = installedVendor(vendor)!.examplePayment(900 + sequence);
  return (await insertPayment(api.dataSource, { lifeCycleState: state, vendorCode: vendor, vendorPaymentId })).number;
}

describe("the state table: every vendor × state × operation", () => {
  it.each(cells)("$operation of a $state $vendor payment", async ({ vendor, state, operation }) => {
    const allowed = installedVendor(vendor)!.capabilities.get(operation);
    const succeeds = allowed?.includes(state) ?? false;
    const number = await paymentFor(vendor, state, succeeds);
    const listed = await api.graphql(`query($n: String!) { payment(identifier: { number: $n }) { availableOperations } }`, { n: number });
    expect(listed.data.payment.availableOperations.includes(operation)).toBe(succeeds);

    const before = await snapshotDatabase(api.dataSource);
    const { query, field, extra } = OPERATION_MUTATIONS[operation];
    const res = await api.graphql(query, { input: { payment: { number }, ...extra } });
    expect(res.errors).toBeUndefined();
    const result = res.data[field];
    if (succeeds) {
      expect(result.__typename).toMatch(/Success$/);
      expect(result.payment.lifeCycleState).toBe(LIFE_CYCLE[operation].to);
    } else {
      expect(result.__typename).toBe(allowed ? "PaymentStateError" : "OperationNotSupportedError");
      if (allowed) expect(result).toMatchObject({ currentState: state, allowedStates: [...allowed] });
      expect(await snapshotDatabase(api.dataSource)).toEqual(before);
    }
  });
});
