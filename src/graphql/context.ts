import type { Principal } from "../access/access-tokens";
import type { PaymentDatabase } from "../stores/stores";
import type { OperationActor, PaymentOperationPipeline } from "../operations/operation-pipeline";
import type { VendorRegistry } from "../vendors/vendor-registry";
import type { Loaders } from "./loaders";
import type { LiveChanges } from "./live-changes";

/** What every resolver gets for one GraphQL request. */
export interface GraphQLContext {
  requestId: string;
  /** The stores, on the pool. */
  db: PaymentDatabase;
  loaders: Loaders;
  /** The caller: its reach, permissions and idempotency scope. */
  actor: OperationActor;
  /** The signed-in token as authenticate() found it: prefix, kind, expiry, reseller, roles (never its secret or hash). */
  token: Pick<Principal, "prefix" | "kind" | "expiresAt" | "reseller" | "roles">;
  vendors: VendorRegistry;
  operations: PaymentOperationPipeline;
  /** The committed changes a subscription hears; only on a subscription's connection (graphql-ws). */
  live?: LiveChanges;
}
