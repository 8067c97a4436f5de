import { CRMCOM_DEMO_PAYMENTS } from "./demo";
import { defineVendor } from "../vendor-module";
import { readEndpoint } from "../vendor-settings";
import { CRMCOM, connectCrmCom } from "./crmcom-vendor-service";
import { startCrmComEmulator } from "./emulator";

/** CRM.COM: CRMCOM_BASE_URL (with CRM.COM's base path), CRMCOM_TOKEN. */
export const crmCom = defineVendor({
  ...CRMCOM,
  readConfig: (env) => readEndpoint(env, "CRMCOM_BASE_URL", "CRMCOM_TOKEN"),
  connect: ({ baseUrl, secret }, resilience) => connectCrmCom({ baseUrl, token: secret, ...resilience }),
  startEmulator: (options = {}) => startCrmComEmulator(options),
  demoPayments: CRMCOM_DEMO_PAYMENTS,
  examplePayment: (index) => ({ vendorPaymentId: `BEEF${String(index).padStart(28, "0")}` }),
});
