import { CRMCOM_DEMO_PAYMENTS } from "./demo";
import { defineVendor } from "../vendor-module";
import { readEndpoint } from "../vendor-settings";
import { CRMCOM, createCrmComService } from "./crmcom-vendor-service";
import { startCrmComEmulator } from "./emulator";

/** CRM.COM: CRMCOM_BASE_URL (with CRM.COM's base path), CRMCOM_TOKEN. */
export const crmCom = defineVendor({
  ...CRMCOM,
  readConfig: (env) => readEndpoint(env, "CRMCOM_BASE_URL", "CRMCOM_TOKEN"),
  create: ({ baseUrl, secret }, resilience) => createCrmComService({ baseUrl, token: secret, ...resilience }),
  startEmulator: (options = {}) => startCrmComEmulator(options),
  demoPayments: CRMCOM_DEMO_PAYMENTS,
  examplePayment: (index) => ({ vendorPaymentId: `BEEF${String(index).padStart(28, "0")}` }),
});
