import type { Clock } from "./access/clock";
import type { AppConfig } from "./config";
import { buildApiSchema } from "./graphql/schema";
import { openDatabase, type OpenDatabase, type OpenDatabaseOptions } from "./database/open-database";
import { createMetrics, type Metrics } from "./observability/metrics";
import { PaymentOperationPipeline } from "./operations/operation-pipeline";
import { DEFAULT_RECOVERY, type RecoveryOptions } from "./operations/operation-recovery";
import { startApiServer, type RunningApiServer } from "./server/api-server";
import { MeasuredRecovery, measureDatabase, measureVendors } from "./server/instrumentation";
import { seedDemoData } from "./stores/seed/seed-demo-data";
import { PaymentDatabase } from "./stores/stores";
import { buildVendorRegistry } from "./vendors/build-vendor-registry";
import { demoPaymentsOf } from "./vendors/demo-payments";
import type { VendorEmulator } from "./vendors/emulator/vendor-emulator";
import { INSTALLED_VENDORS } from "./vendors/installed-vendors";
import type { AnyVendorModule } from "./vendors/vendor-module";
import type { VendorRegistry } from "./vendors/vendor-registry";
import { recordVendors } from "./vendors/vendor-table";

export interface BuildAppOptions {
  /** A database already open (the tests' own); by default the configuration's is opened. */
  database?: OpenDatabase;
  /** How the configuration's database is opened. */
  open?: OpenDatabaseOptions;
  /** Loads the vendors' demo data once; by default only into the embedded database. */
  seedDemoData?: boolean;
}

/** One instance's parts, put together from its configuration and its vendors. */
export interface App {
  readonly config: AppConfig;
  readonly database: OpenDatabase;
  readonly db: PaymentDatabase;
  readonly metrics: Metrics;
  /** The vendor services, each call measured: the list's vendors and only those. */
  readonly vendors: VendorRegistry;
  /** The emulators started for the vendors without a base URL. */
  readonly emulators: readonly VendorEmulator[];
  readonly operations: PaymentOperationPipeline;
  /** True when this start loaded the demo data. */
  readonly demoDataLoaded: boolean;
  /** The HTTP API over these parts; GraphQL's VendorCode has one value per vendor of the list. */
  startServer(port: number, options?: { clock?: Clock; stopGracePeriodMs?: number; host?: string }): Promise<RunningApiServer>;
  /** The recovery worker of the operations left in progress (started by the caller). */
  recovery(options?: Partial<RecoveryOptions>): MeasuredRecovery;
  /** Stops the vendor emulators and closes the database. */
  close(): Promise<void>;
}

/**
 * The composition root, used by `main`, `recover` and the tests: the vendor table, the demo data,
 * the vendor services and GraphQL's VendorCode all come from the vendors it is given.
 */
export async function buildApp(config: AppConfig, vendors: readonly AnyVendorModule[] = INSTALLED_VENDORS, options: BuildAppOptions = {}): Promise<App> {
  const demoPayments = demoPaymentsOf(vendors);
  // The vendors first: a vendor refused by its settings stops the start before the database opens.
  const built = await buildVendorRegistry(config.vendors, vendors);
  let database: OpenDatabase;
  try {
    // The GraphQL schema is built (and kept: startApiServer finds it) while nothing waits for it:
    // the embedded PostgreSQL may still be starting in its own thread.
    buildApiSchema(built.registry.codes());
    database = options.database ?? (await openDatabase(config, options.open));
  } catch (error) {
    await built.stop();
    throw error;
  }
  try {
    const db = new PaymentDatabase(database.dataSource);
    await recordVendors(db, vendors);
    // Production never loads demo data.
    const demoDataLoaded = (options.seedDemoData ?? (database.embedded && !config.production)) && (await seedDemoData(database.dataSource, demoPayments));
    const metrics = createMetrics();
    measureDatabase(db, metrics);
    const registry = measureVendors(built.registry, metrics);
    const operations = new PaymentOperationPipeline(db, registry, {
      leaseMs: config.operationLeaseMs,
      maxAttempts: config.operationMaxAttempts,
      retryBackoffMs: config.operationRetryBackoffMs,
    });
    return {
      config,
      database,
      db,
      metrics,
      vendors: registry,
      emulators: built.emulators,
      operations,
      demoDataLoaded,
      startServer: (port, { clock, stopGracePeriodMs, host } = {}) =>
        startApiServer({ db, vendors: registry, operations, limits: config, metrics, clock, stopGracePeriodMs }, port, host),
      recovery: (settings = {}) =>
        new MeasuredRecovery(db, operations, { ...DEFAULT_RECOVERY, leaseMs: config.operationLeaseMs, intervalMs: config.recoveryIntervalMs, ...settings }, metrics),
      async close() {
        await built.stop();
        await database.close();
      },
    };
  } catch (error) {
    await built.stop();
    if (!options.database) await database.close();
    throw error;
  }
}
