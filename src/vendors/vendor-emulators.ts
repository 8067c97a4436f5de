import type { EmulatorOptions, VendorEmulator } from "./emulator/vendor-emulator";
import { installedVendor } from "./installed-vendors";

/** Starts the built-in emulator of an installed vendor, with its demo secret. */
export function startEmulatorFor(vendor: string, options: EmulatorOptions = {}): Promise<VendorEmulator> {
  const module = installedVendor(vendor);
  if (!module) throw new Error(`no installed vendor "${vendor}"`);
  return module.startEmulator(options);
}
