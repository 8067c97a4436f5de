import { logger } from "../observability/logger";
import type { VendorEmulator } from "./emulator/vendor-emulator";
import { INSTALLED_VENDORS } from "./installed-vendors";
import { loadVendorConfig, missingVendorSettings, type VendorsConfig } from "./vendor-config";
import type { AnyVendorModule } from "./vendor-module";
import { VendorRegistry } from "./vendor-registry";
import type { VendorService } from "./vendor-service";

export { startConvergeGateEmulator } from "./convergegate/emulator";
export { startCrmComEmulator } from "./crmcom/emulator";
export type { VendorEmulator } from "./emulator/vendor-emulator";

export interface BuiltVendors {
  registry: VendorRegistry;
  /** The emulators started for vendors without a base URL. */
  emulators: VendorEmulator[];
  /** Stops the emulators. */
  stop(): Promise<void>;
}

/**
 * The vendor services of this instance, one per module: real vendors where a base URL is set,
 * built-in emulators elsewhere, where they are allowed (a refusal naming the missing settings otherwise).
 */
export async function buildVendorRegistry(
  config: VendorsConfig = loadVendorConfig(),
  modules: readonly AnyVendorModule[] = INSTALLED_VENDORS,
): Promise<BuiltVendors> {
  const refusal = missingVendorSettings(config, modules);
  if (refusal) throw refusal;
  const emulators: VendorEmulator[] = [];
  const stop = async () => {
    await Promise.all(emulators.map((emulator) => emulator.stop()));
  };
  try {
    const services: VendorService[] = [];
    for (const module of modules) {
      const settings = config.vendors[module.code] ?? module.readConfig({});
      let { baseUrl, secret } = settings;
      if (baseUrl === null || secret === null) {
        const emulator = await module.startEmulator({}, settings);
        emulators.push(emulator);
        ({ baseUrl, secret } = emulator);
        const log = config.production ? logger.warn.bind(logger) : logger.info.bind(logger);
        log({ vendor: module.code, baseUrl }, `${module.title} has no base URL configured: using the built-in emulator`);
      }
      services.push(module.create({ ...settings, baseUrl, secret }, config.resilience));
    }
    return { registry: new VendorRegistry(services), emulators, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
