import type { Permission } from "../access/roles";
import type { PaymentReach } from "../domain/reach";

/** Who asks: recorded on events, scoping idempotency keys and limiting reach. */
export interface OperationActor {
  /** Recorded on every event: the acting token's prefix. */
  name: string;
  /** The acting token's reseller, recorded on every event. */
  resellerId: string | null;
  /** Idempotency keys are kept per token. */
  idempotencyScope: string;
  reach: PaymentReach;
  permissions: ReadonlySet<Permission>;
}
