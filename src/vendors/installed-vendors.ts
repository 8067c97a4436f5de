import { activePlatform } from "./activeplatform";
import { convergeGate } from "./convergegate";
import { crmCom } from "./crmcom";
import { planoCore } from "./planocore";
import type { AnyVendorModule } from "./vendor-module";

/**
 * The installed vendors: one line each. Configuration, the registry, the emulators, the vendor
 * table in the database, GraphQL's VendorCode and the shared vendor tests all loop over this list.
 */
export const INSTALLED_VENDORS: readonly AnyVendorModule[] = [
  convergeGate,
  planoCore,
  activePlatform,
  crmCom,
];

export function installedVendor(code: string): AnyVendorModule | undefined {
  return INSTALLED_VENDORS.find((module) => module.code === code);
}
