import { PLANOCORE_DEMO_PAYMENTS } from "./demo";
import { defineVendor, type VendorEndpoint } from "../vendor-module";
import { readEndpoint, text, VendorConfigError } from "../vendor-settings";
import { DEFAULT_PLANOCORE_VOID_PATH } from "./contract";
import { startPlanoCoreEmulator } from "./emulator";
import { PLANOCORE, connectPlanoCore, type PlanoCoreConnection } from "./planocore-vendor-service";

export interface PlanoCoreSettings extends VendorEndpoint {
  application: string | null;
  voidPath: string;
}

/** PlanoCore: PLANOCORE_BASE_URL, PLANOCORE_TOKEN, PLANOCORE_APPLICATION, PLANOCORE_VOID_PATH. */
export const planoCore = defineVendor<PlanoCoreSettings, PlanoCoreConnection>({
  ...PLANOCORE,
  readConfig(env) {
    const endpoint = readEndpoint(env, "PLANOCORE_BASE_URL", "PLANOCORE_TOKEN");
    const application = text(env, "PLANOCORE_APPLICATION");
    if (application !== null && !/^[a-z0-9][a-z0-9_-]*$/.test(application)) {
      throw new VendorConfigError(`PLANOCORE_APPLICATION must be an application slug such as "planoorder", not "${application}"`);
    }
    const voidPath = text(env, "PLANOCORE_VOID_PATH") ?? DEFAULT_PLANOCORE_VOID_PATH;
    if (!/^\/[A-Za-z0-9/_.~-]*$/.test(voidPath)) {
      throw new VendorConfigError(`PLANOCORE_VOID_PATH must be a path starting with "/", not "${voidPath}"`);
    }
    return { ...endpoint, application, voidPath };
  },
  connect: ({ baseUrl, secret, application, voidPath }, resilience) =>
    connectPlanoCore({ baseUrl, token: secret, application, voidPath, ...resilience }),
  startEmulator: (options = {}, settings) => startPlanoCoreEmulator({ ...options, voidPath: settings?.voidPath }),
  demoPayments: PLANOCORE_DEMO_PAYMENTS,
  examplePayment: (index) => ({ vendorPaymentId: String(90000 + index) }),
});
