import { VendorCode } from "../domain/enums";
import { startActivePlatformEmulator } from "./activeplatform/emulator";
import { startConvergeGateEmulator } from "./convergegate/emulator";
import { startCrmComEmulator } from "./crmcom/emulator";
import type { EmulatorOptions, VendorEmulator } from "./emulator/vendor-emulator";
import { startPlanoCoreEmulator } from "./planocore/emulator";

/** Starts the built-in emulator of a vendor, with its demo secret. */
export function startEmulatorFor(vendor: VendorCode, options: EmulatorOptions & { planoCoreVoidPath?: string } = {}): Promise<VendorEmulator> {
  switch (vendor) {
    case VendorCode.CONVERGEGATE:
      return startConvergeGateEmulator(options);
    case VendorCode.PLANOCORE:
      return startPlanoCoreEmulator({ ...options, voidPath: options.planoCoreVoidPath });
    case VendorCode.ACTIVEPLATFORM:
      return startActivePlatformEmulator(options);
    case VendorCode.CRMCOM:
      return startCrmComEmulator(options);
  }
}
