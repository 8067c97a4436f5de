import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PaymentState } from "../../src/domain/enums";
import { LIFE_CYCLE, PaymentOperation } from "../../src/domain/payment-operation";
import { DEMO_PAYMENTS } from "../../src/vendors/demo-payments";
import { INSTALLED_VENDORS, installedVendor } from "../../src/vendors/installed-vendors";
import { DEFAULT_RESILIENCE } from "../../src/vendors/resilience";
import { defineVendor } from "../../src/vendors/vendor-module";
import { payFlow } from "../support/example-vendor";

describe("the installed vendor modules", () => {
  it("accept, for each operation, only states the life cycle starts that operation from", () => {
    for (const module of INSTALLED_VENDORS) {
      for (const [operation, states] of module.capabilities) {
        expect({ vendor: module.code, operation, states }).toEqual({
          vendor: module.code,
          operation,
          states: states.filter((state) => LIFE_CYCLE[operation].from.includes(state)),
        });
      }
    }
  });

  it("refuse to load a vendor whose accepted states leave the life cycle", () => {
    const broken = { ...payFlow, operations: { [PaymentOperation.VOID]: { ...payFlow.operations.VOID!, from: [PaymentState.AUTHORIZED, PaymentState.POSTED] } } };
    expect(() => defineVendor(broken)).toThrow("PayFlow accepts POSTED for VOID, which the life cycle does not start VOID from");
  });

  it("carry their own demo payments: the demo data is the list's, in order, each payment of its vendor, in a state its operations start from", () => {
    expect(DEMO_PAYMENTS).toEqual(INSTALLED_VENDORS.flatMap((module) => module.demoPayments));
    expect(DEMO_PAYMENTS.map((payment) => payment.number)).toEqual(DEMO_PAYMENTS.map((_, index) => String(1001 + index)));
    for (const module of INSTALLED_VENDORS) {
      expect(module.demoPayments.every((payment) => payment.vendorCode === module.code)).toBe(true);
      if (module.paymentIdFormat) {
        const format = new RegExp(module.paymentIdFormat);
        expect(module.demoPayments.filter((payment) => !format.test(payment.vendorPaymentId))).toEqual([]);
      }
      const startStates = new Set([...module.capabilities.values()].flat());
      expect(startStates.has(module.demoPayments[0].lifeCycleState)).toBe(true);
    }
  });

  it("say, for each operation they offer, what makes a re-send after an unknown outcome safe, as their pages give it", () => {
    const declared = Object.fromEntries(INSTALLED_VENDORS.map((module) => [module.code, Object.fromEntries(module.repeatSafety)]));
    expect(declared).toEqual({
      convergegate: { VOID: "state-transition" },
      planocore: { VOID: "state-transition" },
      activeplatform: { CANCEL: "read-back" },
      crmcom: { CANCEL: "repeat-key", REJECT: "state-transition" },
    });
    const crmCom = installedVendor("crmcom")!;
    const service = crmCom.create({ ...crmCom.readConfig({}), baseUrl: "http://127.0.0.1:9", secret: "s" }, DEFAULT_RESILIENCE);
    expect([PaymentOperation.CANCEL, PaymentOperation.REJECT, PaymentOperation.VOID].map((operation) => service.repeatSafety(operation))).toEqual([
      "repeat-key",
      "state-transition",
      "none",
    ]);
  });

  it("take their capabilities and repeat safety from their handlers' keys", () => {
    expect([...payFlow.capabilities]).toEqual([[PaymentOperation.VOID, [PaymentState.AUTHORIZED]]]);
    expect([...payFlow.repeatSafety]).toEqual([[PaymentOperation.VOID, "state-transition"]]);
  });

  it("refuse to load a vendor that says a repeat is settled by reading the payment back, with no handler reading it", () => {
    const unread = { ...payFlow, operations: { [PaymentOperation.VOID]: { ...payFlow.operations.VOID!, repeatSafety: "read-back" as const } } };
    expect(() => defineVendor(unread)).toThrow('PayFlow must read the payment back for VOID exactly when its repeat safety is "read-back"');
  });

  it("refuse a code that is not lower-case letters and digits", () => {
    expect(() => defineVendor({ ...payFlow, code: "Pay-Flow" })).toThrow(/lower-case letters and digits/);
  });

  it("have distinct codes, which are GraphQL's VendorCode values upper-cased", () => {
    const codes = INSTALLED_VENDORS.map((module) => module.code);
    expect(new Set(codes).size).toBe(codes.length);
    const schema = readFileSync(join(__dirname, "../../schema.graphql"), "utf8");
    const values = /enum VendorCode \{([^}]*)\}/.exec(schema)![1].split("\n").map((line) => line.trim()).filter((line) => /^[A-Z]/.test(line));
    expect(values).toEqual(codes.map((code) => code.toUpperCase()).sort());
  });
});
