import { VendorCode } from "../domain/enums";
import { logger } from "../observability/logger";
import { createActivePlatformService } from "./activeplatform/activeplatform-vendor-service";
import { createConvergeGateService } from "./convergegate/convergegate-vendor-service";
import { createCrmComService } from "./crmcom/crmcom-vendor-service";
import type { VendorEmulator } from "./emulator/vendor-emulator";
import { createPlanoCoreService } from "./planocore/planocore-vendor-service";
import { loadVendorConfig, type VendorsConfig } from "./vendor-config";
import { startEmulatorFor } from "./vendor-emulators";
import { vendorTitle } from "./vendor-outcomes";
import { VendorRegistry } from "./vendor-registry";
import type { VendorService } from "./vendor-service";

export { createActivePlatformService } from "./activeplatform/activeplatform-vendor-service";
export { createConvergeGateService } from "./convergegate/convergegate-vendor-service";
export { createCrmComService } from "./crmcom/crmcom-vendor-service";
export { createPlanoCoreService } from "./planocore/planocore-vendor-service";
export { startActivePlatformEmulator } from "./activeplatform/emulator";
export { startConvergeGateEmulator } from "./convergegate/emulator";
export { startCrmComEmulator } from "./crmcom/emulator";
export { startPlanoCoreEmulator } from "./planocore/emulator";
export { startEmulatorFor } from "./vendor-emulators";
export type { VendorEmulator } from "./emulator/vendor-emulator";

export interface BuiltVendors {
  registry: VendorRegistry;
  /** The emulators started for vendors without a base URL. */
  emulators: VendorEmulator[];
  /** Stops the emulators. */
  stop(): Promise<void>;
}

/** The vendor's configured base URL and secret, or a freshly started emulator's. */
async function endpointOf(
  vendor: VendorCode,
  configured: { baseUrl: string | null; secret: string | null },
  config: VendorsConfig,
  emulators: VendorEmulator[],
): Promise<{ baseUrl: string; secret: string }> {
  if (configured.baseUrl !== null && configured.secret !== null) return { baseUrl: configured.baseUrl, secret: configured.secret };
  const emulator = await startEmulatorFor(vendor, { planoCoreVoidPath: config.planocore.voidPath });
  emulators.push(emulator);
  logger.info({ vendor, baseUrl: emulator.baseUrl }, `${vendorTitle(vendor)} has no base URL configured: using the built-in emulator`);
  return { baseUrl: emulator.baseUrl, secret: emulator.secret };
}

/** The vendor services of this instance: real vendors where a base URL is set, built-in emulators elsewhere. */
export async function buildVendorRegistry(config: VendorsConfig = loadVendorConfig()): Promise<BuiltVendors> {
  const emulators: VendorEmulator[] = [];
  const stop = async () => {
    await Promise.all(emulators.map((emulator) => emulator.stop()));
  };
  const { resilience } = config;
  try {
    const services: VendorService[] = [];
    const convergegate = await endpointOf(VendorCode.CONVERGEGATE, { baseUrl: config.convergegate.baseUrl, secret: config.convergegate.apiKey }, config, emulators);
    services.push(createConvergeGateService({ baseUrl: convergegate.baseUrl, apiKey: convergegate.secret, ...resilience }));
    const planocore = await endpointOf(VendorCode.PLANOCORE, { baseUrl: config.planocore.baseUrl, secret: config.planocore.token }, config, emulators);
    services.push(
      createPlanoCoreService({
        baseUrl: planocore.baseUrl,
        token: planocore.secret,
        application: config.planocore.application,
        voidPath: config.planocore.voidPath,
        ...resilience,
      }),
    );
    const activeplatform = await endpointOf(VendorCode.ACTIVEPLATFORM, { baseUrl: config.activeplatform.baseUrl, secret: config.activeplatform.apiToken }, config, emulators);
    services.push(createActivePlatformService({ baseUrl: activeplatform.baseUrl, apiToken: activeplatform.secret, ...resilience }));
    const crmcom = await endpointOf(VendorCode.CRMCOM, { baseUrl: config.crmcom.baseUrl, secret: config.crmcom.token }, config, emulators);
    services.push(createCrmComService({ baseUrl: crmcom.baseUrl, token: crmcom.secret, ...resilience }));
    return { registry: new VendorRegistry(services), emulators, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
