import { DEFAULT_RESILIENCE, type ResilienceSettings } from "./resilience";
import { INSTALLED_VENDORS } from "./installed-vendors";
import type { AnyVendorModule, VendorEndpoint } from "./vendor-module";
import { flag, integer, VendorConfigError } from "./vendor-settings";

export { VendorConfigError } from "./vendor-settings";

/**
 * How patiently vendors are called, and each installed vendor's settings by vendor code (read by
 * its module). A vendor without a base URL is served by its built-in emulator (with its demo
 * secret) where emulators are allowed: by default outside production, by name (VENDOR_EMULATORS=true) in it.
 */
export interface VendorsConfig {
  resilience: ResilienceSettings;
  vendors: Record<string, VendorEndpoint>;
  /** Whether a vendor without a base URL may be served by its built-in emulator. */
  emulators?: boolean;
  /** NODE_ENV=production: said in the refusal of a vendor without its settings. */
  production?: boolean;
}

export function loadVendorConfig(env: NodeJS.ProcessEnv = process.env, modules: readonly AnyVendorModule[] = INSTALLED_VENDORS): VendorsConfig {
  const production = env.NODE_ENV === "production";
  return {
    resilience: {
      timeoutMs: integer(env, "VENDOR_TIMEOUT_MS", DEFAULT_RESILIENCE.timeoutMs, 1, 600_000),
      retries: integer(env, "VENDOR_RETRIES", DEFAULT_RESILIENCE.retries, 0, 10),
      breakerFailures: integer(env, "VENDOR_BREAKER_FAILURES", DEFAULT_RESILIENCE.breakerFailures, 1, 1000),
      breakerResetMs: integer(env, "VENDOR_BREAKER_RESET_MS", DEFAULT_RESILIENCE.breakerResetMs, 1, 3_600_000),
    },
    vendors: Object.fromEntries(modules.map((module) => [module.code, module.readConfig(env)])),
    emulators: flag(env, "VENDOR_EMULATORS", !production),
    production,
  };
}

/**
 * Where emulators are not allowed, every vendor without its base URL and secret, said in one
 * refusal naming each setting and the way out; null when every vendor can be served.
 */
export function missingVendorSettings(config: VendorsConfig, modules: readonly AnyVendorModule[] = INSTALLED_VENDORS): VendorConfigError | null {
  if (config.emulators !== false) return null;
  const missing = modules.filter((module) => {
    const settings = config.vendors[module.code] ?? module.readConfig({});
    return settings.baseUrl === null || settings.secret === null;
  });
  if (missing.length === 0) return null;
  const needs = missing.map((module) => {
    const names = (config.vendors[module.code] ?? module.readConfig({})).settingNames;
    return names ? `${module.title} needs ${names.url} and ${names.secret}` : `${module.title} needs its base URL and secret`;
  });
  const why = config.production ? "NODE_ENV=production calls the real vendors" : "VENDOR_EMULATORS=false";
  return new VendorConfigError(
    `${why}: ${needs.join("; ")}. Set them (docs/vendors/README.md#pointing-at-a-real-vendor), or set VENDOR_EMULATORS=true to serve these vendors by the built-in emulators on purpose.`,
  );
}
