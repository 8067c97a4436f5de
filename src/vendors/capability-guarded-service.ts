import type { VendorCallPolicy } from "./resilience";
import { repeatSafetyOf, type VendorIdentity } from "./vendor-module";
import { unsupportedOperation } from "./vendor-outcomes";
import type { PaymentOperation } from "../domain/payment-operation";
import type { RepeatSafety, VendorOperationRequest, VendorOutcome, VendorService } from "./vendor-service";

/**
 * What every vendor service shares: its code, capabilities, rules and repeat safety come from its vendor's
 * identity, an operation the vendor does not offer is refused without a call, and calls go
 * through the vendor's policy.
 */
export abstract class CapabilityGuardedService implements VendorService {
  abstract readonly identity: VendorIdentity;

  constructor(readonly policy: VendorCallPolicy) {}

  get vendor() {
    return this.identity.code;
  }

  get title() {
    return this.identity.title;
  }

  get capabilities() {
    return this.identity.capabilities;
  }

  get rules() {
    return this.identity.rules;
  }

  repeatSafety(operation: PaymentOperation): RepeatSafety {
    return repeatSafetyOf(this.identity, operation);
  }

  async perform(request: VendorOperationRequest): Promise<VendorOutcome> {
    return unsupportedOperation(this, request.operation) ?? this.forward(request);
  }

  /** Maps and sends an operation the vendor offers. */
  protected abstract forward(request: VendorOperationRequest): Promise<VendorOutcome>;
}
