import type { AppDataSource } from "../database/data-source";
import type { OperationActor, PaymentOperationPipeline } from "../operations/operation-pipeline";
import type { VendorRegistry } from "../vendors/vendor-registry";
import type { Loaders } from "./loaders";

/** What every resolver gets for one GraphQL request. */
export interface GraphQLContext {
  requestId: string;
  dataSource: AppDataSource;
  loaders: Loaders;
  /** The caller: its reach, permissions and idempotency scope. */
  actor: OperationActor;
  vendors: VendorRegistry;
  operations: PaymentOperationPipeline;
}
