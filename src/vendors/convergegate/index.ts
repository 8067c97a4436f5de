import { CONVERGEGATE_DEMO_PAYMENTS } from "./demo";
import { defineVendor } from "../vendor-module";
import { readEndpoint } from "../vendor-settings";
import { CONVERGEGATE, connectConvergeGate } from "./convergegate-vendor-service";
import { startConvergeGateEmulator } from "./emulator";

/** ConvergeGate: CONVERGEGATE_BASE_URL, CONVERGEGATE_API_KEY. */
export const convergeGate = defineVendor({
  ...CONVERGEGATE,
  readConfig: (env) => readEndpoint(env, "CONVERGEGATE_BASE_URL", "CONVERGEGATE_API_KEY"),
  connect: ({ baseUrl, secret }, resilience) => connectConvergeGate({ baseUrl, apiKey: secret, ...resilience }),
  startEmulator: (options = {}) => startConvergeGateEmulator(options),
  demoPayments: CONVERGEGATE_DEMO_PAYMENTS,
  examplePayment: (index) => ({ vendorPaymentId: `cafe${String(index).padStart(28, "0")}` }),
});
