import type { DataSource, EntityManager } from "typeorm";
import { listenOnSharedSession, listenToChannels } from "../database/channel-listener";
import type { AppDataSource } from "../database/data-source";
import { connectionSettingsOf, poolOf } from "../database/typeorm-adapter";
import { CancellationStore } from "./cancellation-store";
import { DatabaseChanges } from "./database-changes";
import { EventStore } from "./event-store";
import type { FinalStatus } from "../domain/payment-operation-record.entity";
import { logger } from "../observability/logger";
import { OperationStore } from "./operation-store";
import { PaymentIntakeStore } from "./payment-intake-store";
import { PaymentStore } from "./payment-store";
import { ReferenceStore } from "./reference-store";
import { ResellerStore } from "./reseller-store";
import { TokenStore } from "./token-store";

/**
 * One store per aggregate, each owning all the SQL of its tables and speaking in the domain's
 * verbs. A set of stores runs every statement on one connection: a transaction's (it has no way
 * to run one anywhere else: once that connection is lost every statement fails), or the pool's.
 */
export class Stores {
  readonly payments: PaymentStore;
  /** The payment table as payments come in, in batches. */
  readonly intake: PaymentIntakeStore;
  readonly operations: OperationStore;
  readonly cancellations: CancellationStore;
  readonly events: EventStore;
  readonly tokens: TokenStore;
  readonly reference: ReferenceStore;
  readonly resellers: ResellerStore;

  /** @param finished told of each operation these stores finish, with its final status */
  constructor(manager: EntityManager, finished?: (status: FinalStatus) => void) {
    this.payments = new PaymentStore(manager);
    this.intake = new PaymentIntakeStore(manager);
    this.operations = new OperationStore(manager, finished);
    this.cancellations = new CancellationStore(manager);
    this.events = new EventStore(manager);
    this.tokens = new TokenStore(manager);
    this.reference = new ReferenceStore(manager);
    this.resellers = new ResellerStore(manager);
  }
}

/** The product's database: its stores on the pool, and transactions that hand out stores of their own. */
export class PaymentDatabase {
  /** Stores whose statements each run on their own (autocommit), on any pooled connection. */
  readonly stores: Stores;
  /**
   * Committed changes as PostgreSQL announces them (access, payments), heard by one connection of
   * its own that connects again whenever it is lost (src/database/channel-listener.ts); on the
   * embedded database, by the pool's connection, for the changes of this process.
   */
  readonly changes: DatabaseChanges;
  private readonly finishListeners = new Set<(status: FinalStatus) => void>();

  constructor(readonly dataSource: AppDataSource) {
    // A statement of the pool's stores commits as it runs.
    this.stores = new Stores(dataSource.manager, (status) => this.operationFinished(status));
    this.changes = new DatabaseChanges((channels, events) => {
      if (dataSource.embedded) return listenOnSharedSession(channels, dataSource.notifications, (statement) => dataSource.query(statement), events);
      const settings = connectionSettingsOf(dataSource);
      return listenToChannels(channels, { ...settings, applicationName: `${settings.applicationName} changes` }, events);
    });
  }

  /** Runs `work` in one transaction: all of it commits, or none of it. */
  async transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    const finished: FinalStatus[] = [];
    const result = await this.dataSource.transaction((manager) => work(new Stores(manager, (status) => finished.push(status))));
    // Committed: only now are its finished operations told (a rolled-back finish never is).
    for (const status of finished) this.operationFinished(status);
    return result;
  }

  /** Calls `listener` with the final status of every operation this instance finishes, once its transaction has committed. */
  onOperationFinished(listener: (status: FinalStatus) => void): void {
    this.finishListeners.add(listener);
  }

  /** Tells every listener; one that fails is logged, never the failure of work already committed. */
  private operationFinished(status: FinalStatus): void {
    for (const listener of this.finishListeners) {
      try {
        listener(status);
      } catch (error) {
        logger.warn({ err: error, status }, "a listener of finished operations failed");
      }
    }
  }

  /** The embedded PostgreSQL (PGlite): one session for every connection, no LISTEN of its own. */
  get embedded(): boolean {
    return this.dataSource.embedded;
  }

  /** The pool's connections now (total, idle) and the requests waiting for one; undefined once closed. */
  poolUsage(): { totalCount: number; idleCount: number; waitingCount: number } | undefined {
    const pool = poolOf(this.dataSource);
    return pool && { totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount };
  }

  /** `SELECT 1`: whether the database answers now (readiness). */
  async ping(): Promise<void> {
    await this.dataSource.query("SELECT 1");
  }
}

/** Stores on a data source's pool, or the stores given. */
export function storesOf(source: Stores | PaymentDatabase | Pick<DataSource, "manager">): Stores {
  if (source instanceof Stores) return source;
  if (source instanceof PaymentDatabase) return source.stores;
  return new Stores(source.manager);
}
