import type { VendorCode } from "../domain/enums";
import { PLAIN_RULES, type VendorRules, type VendorService } from "./vendor-service";

/** The vendor services of this instance, by vendor code: the one place a vendor's capabilities and rules are read. */
export class VendorRegistry {
  private readonly services = new Map<VendorCode, VendorService>();

  constructor(services: Iterable<VendorService>) {
    for (const service of services) this.services.set(service.vendor, service);
  }

  get(vendor: VendorCode): VendorService | undefined {
    return this.services.get(vendor);
  }

  /** The vendor's documented rules beyond states; a vendor this instance does not serve has none. */
  rulesOf(vendor: VendorCode): Readonly<VendorRules> {
    return this.services.get(vendor)?.rules ?? PLAIN_RULES;
  }

  /** The vendors served, in the order of the list the instance was given. */
  codes(): VendorCode[] {
    return [...this.services.keys()];
  }

  all(): VendorService[] {
    return [...this.services.values()];
  }
}
