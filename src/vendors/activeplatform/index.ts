import { ACTIVEPLATFORM_DEMO_PAYMENTS } from "./demo";
import { defineVendor } from "../vendor-module";
import { readEndpoint } from "../vendor-settings";
import { ACTIVEPLATFORM, connectActivePlatform } from "./activeplatform-vendor-service";
import { startActivePlatformEmulator } from "./emulator";

/** ActivePlatform: ACTIVEPLATFORM_BASE_URL, ACTIVEPLATFORM_API_TOKEN. */
export const activePlatform = defineVendor({
  ...ACTIVEPLATFORM,
  readConfig: (env) => readEndpoint(env, "ACTIVEPLATFORM_BASE_URL", "ACTIVEPLATFORM_API_TOKEN"),
  connect: ({ baseUrl, secret }, resilience) => connectActivePlatform({ baseUrl, apiToken: secret, ...resilience }),
  startEmulator: (options = {}) => startActivePlatformEmulator(options),
  demoPayments: ACTIVEPLATFORM_DEMO_PAYMENTS,
  examplePayment: (index) => ({ vendorPaymentId: String(8000 + index), vendorResellerId: "1" }),
});
