import { PaymentState } from "../../src/domain/enums";
import { INSTALLED_VENDORS } from "../../src/vendors/installed-vendors";
import { PaymentOperation } from "../../src/domain/payment-operation";
import { buildVendorRegistry, startConvergeGateEmulator } from "../../src/vendors/build-vendor-registry";
import { loadVendorConfig, missingVendorSettings, VendorConfigError } from "../../src/vendors/vendor-config";
import { demoPayments, operationRequest } from "./vendor-test-kit";

describe("vendor configuration", () => {
  it("has defaults: emulators everywhere, 3 s timeout, 2 retries, breaker 5 failures / 10 s", () => {
    const config = loadVendorConfig({});
    expect(config.resilience).toEqual({ timeoutMs: 3000, retries: 2, breakerFailures: 5, breakerResetMs: 10000 });
    expect(config.vendors.convergegate).toEqual({ baseUrl: null, secret: null, settingNames: { url: "CONVERGEGATE_BASE_URL", secret: "CONVERGEGATE_API_KEY" } });
    expect(config.vendors.planocore).toMatchObject({ baseUrl: null, secret: null, application: null, voidPath: "/api/v1/payments/void" });
    expect(config.emulators).toBe(true);
  });

  it("reads every variable", () => {
    const config = loadVendorConfig({
      CONVERGEGATE_BASE_URL: "https://engine-sandbox.convergegate.com/",
      CONVERGEGATE_API_KEY: "k",
      PLANOCORE_BASE_URL: "https://api.planocore.test",
      PLANOCORE_TOKEN: "t",
      PLANOCORE_APPLICATION: "planoorder",
      PLANOCORE_VOID_PATH: "/api/v2/payments/void",
      ACTIVEPLATFORM_BASE_URL: "https://test.activeplatform.com",
      ACTIVEPLATFORM_API_TOKEN: "a",
      CRMCOM_BASE_URL: "https://crm.example.com/crmapi/rest/v2",
      CRMCOM_TOKEN: "c",
      VENDOR_TIMEOUT_MS: "1500",
      VENDOR_RETRIES: "0",
      VENDOR_BREAKER_FAILURES: "3",
      VENDOR_BREAKER_RESET_MS: "2000",
    });
    expect(config).toMatchObject({
      resilience: { timeoutMs: 1500, retries: 0, breakerFailures: 3, breakerResetMs: 2000 },
      vendors: {
        convergegate: { baseUrl: "https://engine-sandbox.convergegate.com", secret: "k" },
        planocore: { baseUrl: "https://api.planocore.test", secret: "t", application: "planoorder", voidPath: "/api/v2/payments/void" },
        activeplatform: { baseUrl: "https://test.activeplatform.com", secret: "a" },
        crmcom: { baseUrl: "https://crm.example.com/crmapi/rest/v2", secret: "c" },
      },
    });
  });

  it.each([
    [{ VENDOR_TIMEOUT_MS: "3s" }, /VENDOR_TIMEOUT_MS must be a whole number/],
    [{ VENDOR_RETRIES: "-1" }, /VENDOR_RETRIES/],
    [{ VENDOR_BREAKER_FAILURES: "0" }, /VENDOR_BREAKER_FAILURES/],
    [{ VENDOR_BREAKER_RESET_MS: "1.5" }, /VENDOR_BREAKER_RESET_MS/],
    [{ CONVERGEGATE_BASE_URL: "engine.convergegate.com" }, /CONVERGEGATE_BASE_URL must be an http\(s\) URL/],
    [{ CRMCOM_BASE_URL: "ftp://crm.example.com" }, /CRMCOM_BASE_URL must be an http\(s\) URL/],
    [{ ACTIVEPLATFORM_BASE_URL: "https://test.activeplatform.com" }, /ACTIVEPLATFORM_API_TOKEN is required/],
    [{ PLANOCORE_VOID_PATH: "api/void" }, /PLANOCORE_VOID_PATH must be a path/],
    [{ PLANOCORE_APPLICATION: "Plano Order" }, /PLANOCORE_APPLICATION/],
  ])("rejects %p with a clear message", (env, message) => {
    expect(() => loadVendorConfig(env)).toThrow(VendorConfigError);
    expect(() => loadVendorConfig(env)).toThrow(message);
  });

  it("never repeats a secret in a configuration error", () => {
    expect(() => loadVendorConfig({ CRMCOM_BASE_URL: "https://user:hunter2@crm.example.com" })).toThrow(/without query, fragment or credentials/);
    expect(() => loadVendorConfig({ CRMCOM_BASE_URL: "https://user:hunter2@crm.example.com" })).not.toThrow(/hunter2/);
  });
});

describe("buildVendorRegistry", () => {
  it("starts the four emulators when no base URL is set, and the services reach them", async () => {
    const built = await buildVendorRegistry(loadVendorConfig({ VENDOR_TIMEOUT_MS: "1000" }));
    try {
      expect(built.emulators.map((emulator) => emulator.vendor).sort()).toEqual(INSTALLED_VENDORS.map((module) => module.code).sort());
      expect(built.registry.all()).toHaveLength(4);
      const [payment] = demoPayments("planocore", PaymentState.PENDING);
      const outcome = await built.registry.get("planocore")!.perform(operationRequest(PaymentOperation.VOID, { vendorPaymentId: payment.vendorPaymentId }));
      expect(outcome.kind).toBe("succeeded");
      const planocore = built.emulators.find((emulator) => emulator.vendor === "planocore")!;
      expect(planocore.callCount(payment.vendorPaymentId)).toBe(1);
    } finally {
      await built.stop();
    }
  });

  it("uses a configured base URL and secret instead of an emulator", async () => {
    const external = await startConvergeGateEmulator({ apiKey: "shop-key-from-env" });
    try {
      const built = await buildVendorRegistry(loadVendorConfig({ CONVERGEGATE_BASE_URL: external.baseUrl, CONVERGEGATE_API_KEY: "shop-key-from-env" }));
      try {
        expect(built.emulators.map((emulator) => emulator.vendor)).not.toContain("convergegate");
        const [payment] = demoPayments("convergegate", PaymentState.AUTHORIZED);
        const outcome = await built.registry.get("convergegate")!.perform(operationRequest(PaymentOperation.VOID, { vendorPaymentId: payment.vendorPaymentId, referenceNumber: payment.referenceNumber }));
        expect(outcome.kind).toBe("succeeded");
        expect(external.callCount(payment.vendorPaymentId)).toBe(1);
        expect(external.lastRequest()!.headers.authorization).toBe("Bearer shop-key-from-env");
      } finally {
        await built.stop();
      }
    } finally {
      await external.stop();
    }
  });
});

describe("vendors without their settings", () => {
  const ALL_SET = {
    CONVERGEGATE_BASE_URL: "https://cg.example.com",
    CONVERGEGATE_API_KEY: "k",
    PLANOCORE_BASE_URL: "https://pc.example.com",
    PLANOCORE_TOKEN: "t",
    ACTIVEPLATFORM_BASE_URL: "https://ap.example.com",
    ACTIVEPLATFORM_API_TOKEN: "t",
  };

  it("are refused in production, each vendor named with its two settings and the way out, before any emulator starts", async () => {
    const config = loadVendorConfig({ NODE_ENV: "production", ...ALL_SET });
    const refusal = missingVendorSettings(config);
    expect(refusal).toBeInstanceOf(VendorConfigError);
    expect(refusal!.message).toBe(
      "NODE_ENV=production calls the real vendors: CRM.COM needs CRMCOM_BASE_URL and CRMCOM_TOKEN. Set them (docs/vendors/README.md#pointing-at-a-real-vendor), or set VENDOR_EMULATORS=true to serve these vendors by the built-in emulators on purpose.",
    );
    await expect(buildVendorRegistry(config)).rejects.toThrow(refusal!.message);
  });

  it("are served by the emulators in production only when they are asked for by name, and refused elsewhere when they are refused by name", () => {
    expect(missingVendorSettings(loadVendorConfig({ NODE_ENV: "production", VENDOR_EMULATORS: "true" }))).toBeNull();
    expect(missingVendorSettings(loadVendorConfig({}))).toBeNull();
    expect(missingVendorSettings(loadVendorConfig({ NODE_ENV: "production", ...ALL_SET, CRMCOM_BASE_URL: "https://crm.example.com", CRMCOM_TOKEN: "t" }))).toBeNull();
    expect(missingVendorSettings(loadVendorConfig({ VENDOR_EMULATORS: "false" }))?.message).toMatch(/^VENDOR_EMULATORS=false: ConvergeGate needs CONVERGEGATE_BASE_URL and CONVERGEGATE_API_KEY; PlanoCore/);
    expect(() => loadVendorConfig({ VENDOR_EMULATORS: "yes" })).toThrow('VENDOR_EMULATORS must be true or false, not "yes"');
  });
});

