import type { VendorCode } from "../domain/enums";
import type { VendorService } from "./vendor-service";

/** The vendor services of this instance, by vendor code. */
export class VendorRegistry {
  private readonly services = new Map<VendorCode, VendorService>();

  constructor(services: Iterable<VendorService>) {
    for (const service of services) this.services.set(service.vendor, service);
  }

  get(vendor: VendorCode): VendorService | undefined {
    return this.services.get(vendor);
  }

  all(): VendorService[] {
    return [...this.services.values()];
  }
}
