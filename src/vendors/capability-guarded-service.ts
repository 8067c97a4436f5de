import type { VendorCode } from "../domain/enums";
import type { VendorCallPolicy } from "./resilience";
import { VENDOR_CAPABILITIES } from "./vendor-capabilities";
import { unsupportedOperation } from "./vendor-outcomes";
import type { VendorOperationRequest, VendorOutcome, VendorService } from "./vendor-service";

/**
 * What every vendor service shares: its capabilities come from VENDOR_CAPABILITIES, an operation
 * the vendor does not offer is refused without a call, and calls go through the vendor's policy.
 */
export abstract class CapabilityGuardedService implements VendorService {
  abstract readonly vendor: VendorCode;

  constructor(readonly policy: VendorCallPolicy) {}

  get capabilities() {
    return VENDOR_CAPABILITIES[this.vendor];
  }

  async perform(request: VendorOperationRequest): Promise<VendorOutcome> {
    return unsupportedOperation(this, request.operation) ?? this.forward(request);
  }

  /** Maps and sends an operation the vendor offers. */
  protected abstract forward(request: VendorOperationRequest): Promise<VendorOutcome>;
}
