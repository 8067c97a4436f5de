import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { LIFE_CYCLE, PaymentOperation } from "../../src/domain/payment-operation";
import { Payment } from "../../src/domain/payment.entity";
import { availableOperations, operationRuleViolation } from "../../src/operations/operation-rules";
import { INSTALLED_VENDORS, installedVendor } from "../../src/vendors/installed-vendors";
import { repeatSafetyOf } from "../../src/vendors/vendor-module";
import type { VendorService } from "../../src/vendors/vendor-service";

/** A payment as the rules see it; no database. */
function payment(vendorCode: string, lifeCycleState: PaymentState, paymentModel = PaymentModel.PREPAID): Payment {
  return Object.assign(new Payment(), { vendorCode, lifeCycleState, paymentModel });
}

/** A vendor service with the module's capabilities and rules, never called by the rules. */
function serviceOf(vendorCode: string): VendorService {
  const module = installedVendor(vendorCode)!;
  return {
    vendor: module.code,
    capabilities: module.capabilities,
    rules: module.rules,
    repeatSafety: (operation) => repeatSafetyOf(module, operation),
    perform: () => Promise.reject(new Error("the rules never call the vendor")),
  };
}

describe("operationRuleViolation, without HTTP or database", () => {
  const cells = INSTALLED_VENDORS.flatMap((module) =>
    Object.values(PaymentState).flatMap((state) => Object.values(PaymentOperation).map((operation) => ({ vendor: module.code, state, operation }))),
  );

  it.each(cells)("$operation of a prepaid $state $vendor payment", ({ vendor, state, operation }) => {
    const allowed = installedVendor(vendor)!.capabilities.get(operation);
    const violation = operationRuleViolation(payment(vendor, state), operation, serviceOf(vendor));
    if (!allowed) expect(violation).toMatchObject({ __typename: "OperationNotSupportedError", vendor, operation });
    else if (!allowed.includes(state)) {
      expect(violation).toMatchObject({ __typename: "PaymentStateError", currentState: state, allowedStates: [...allowed] });
      expect(violation!.message).toContain(LIFE_CYCLE[operation].verb);
    } else expect(violation).toBeNull();
  });

  it("refuses to cancel a postpaid payment where the vendor cancels prepaid ones only", () => {
    const postpaid = payment("activeplatform", PaymentState.WAITING_FOR_PAYMENT, PaymentModel.POSTPAID);
    expect(operationRuleViolation(postpaid, PaymentOperation.CANCEL, serviceOf("activeplatform"))).toMatchObject({
      __typename: "PostpaidPaymentError",
      code: "POSTPAID_PAYMENT",
    });
    const crmcom = payment("crmcom", PaymentState.POSTED, PaymentModel.POSTPAID);
    expect(operationRuleViolation(crmcom, PaymentOperation.CANCEL, serviceOf("crmcom"))).toBeNull();
  });

  it("says OperationNotSupportedError for a vendor without a service", () => {
    expect(operationRuleViolation(payment("crmcom", PaymentState.POSTED), PaymentOperation.CANCEL, undefined)).toMatchObject({
      __typename: "OperationNotSupportedError",
    });
  });

  it("lists as available exactly the operations without a violation", () => {
    expect(availableOperations(payment("crmcom", PaymentState.DRAFT), serviceOf("crmcom"))).toEqual([PaymentOperation.REJECT]);
    expect(availableOperations(payment("convergegate", PaymentState.POSTED), serviceOf("convergegate"))).toEqual([]);
  });
});
