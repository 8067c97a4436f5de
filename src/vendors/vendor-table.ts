import { storesOf } from "../stores/stores";
import { INSTALLED_VENDORS } from "./installed-vendors";
import type { AnyVendorModule } from "./vendor-module";

/**
 * Writes one row per vendor module into `vendor`, which payments' vendor codes reference and whose
 * id format the database checks: run at start, so an added vendor needs no migration.
 */
export async function recordVendors(source: Parameters<typeof storesOf>[0], modules: readonly AnyVendorModule[] = INSTALLED_VENDORS): Promise<void> {
  await storesOf(source).reference.recordVendors(modules.map((module) => ({ code: module.code, paymentIdFormat: module.paymentIdFormat })));
}
