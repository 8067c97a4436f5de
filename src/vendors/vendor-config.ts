import { DEFAULT_RESILIENCE, type ResilienceSettings } from "./resilience";
import { INSTALLED_VENDORS } from "./installed-vendors";
import type { AnyVendorModule, VendorEndpoint } from "./vendor-module";
import { integer } from "./vendor-settings";

export { VendorConfigError } from "./vendor-settings";

/**
 * How patiently vendors are called, and each installed vendor's settings by vendor code (read by
 * its module). A vendor without a base URL is served by its built-in emulator (with its demo secret).
 */
export interface VendorsConfig {
  resilience: ResilienceSettings;
  vendors: Record<string, VendorEndpoint>;
}

export function loadVendorConfig(env: NodeJS.ProcessEnv = process.env, modules: readonly AnyVendorModule[] = INSTALLED_VENDORS): VendorsConfig {
  return {
    resilience: {
      timeoutMs: integer(env, "VENDOR_TIMEOUT_MS", DEFAULT_RESILIENCE.timeoutMs, 1, 600_000),
      retries: integer(env, "VENDOR_RETRIES", DEFAULT_RESILIENCE.retries, 0, 10),
      breakerFailures: integer(env, "VENDOR_BREAKER_FAILURES", DEFAULT_RESILIENCE.breakerFailures, 1, 1000),
      breakerResetMs: integer(env, "VENDOR_BREAKER_RESET_MS", DEFAULT_RESILIENCE.breakerResetMs, 1, 3_600_000),
    },
    vendors: Object.fromEntries(modules.map((module) => [module.code, module.readConfig(env)])),
  };
}
