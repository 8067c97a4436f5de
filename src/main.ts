import { tracing } from "./observability/start-tracing";
import "reflect-metadata";
import { createAccessToken } from "./access/access-tokens";
import { loadConfig } from "./config";
import { DEMO_RESELLERS } from "./demo/demo-data";
import { openDatabase } from "./database/open-database";
import { PaymentDatabase } from "./stores/stores";
import { seedDemoData } from "./stores/seed/seed-demo-data";
import { DEMO_PAYMENTS } from "./vendors/demo-payments";
import { logger } from "./observability/logger";
import { createMetrics } from "./observability/metrics";
import { PaymentOperationPipeline } from "./operations/operation-pipeline";
import { startApiServer } from "./server/api-server";
import { MeasuredRecovery, measureDatabase, measureVendors } from "./server/instrumentation";
import { Lifecycle } from "./server/lifecycle";
import { startMetricsServer } from "./server/metrics-server";
import { announceStart } from "./server/start-line";
import { fatalLine } from "./server/fatal-line";
import { buildVendorRegistry } from "./vendors/build-vendor-registry";
import { recordVendors } from "./vendors/vendor-table";

async function main(): Promise<void> {
  const config = loadConfig();
  const vendors = await buildVendorRegistry(config.vendors);
  const database = await openDatabase(config);
  const db = new PaymentDatabase(database.dataSource);
  await recordVendors(db);
  let demoToken: string | null = null;
  // Production never loads demo data, nor mints a token: the first one comes from `npm run token`.
  if (database.embedded && !config.production && (await seedDemoData(database.dataSource, DEMO_PAYMENTS))) {
    logger.info("demo data loaded into the embedded database");
    demoToken = (await createAccessToken(database.dataSource, { resellerCode: DEMO_RESELLERS[0].code, roles: ["admin"] })).token;
  }
  const metrics = createMetrics();
  measureDatabase(db, metrics);
  const registry = measureVendors(vendors.registry, metrics);
  const operations = new PaymentOperationPipeline(db, registry, {
    leaseMs: config.operationLeaseMs,
    maxAttempts: config.operationMaxAttempts,
    retryBackoffMs: config.operationRetryBackoffMs,
  });
  const recovery = new MeasuredRecovery(
    db,
    operations,
    { leaseMs: config.operationLeaseMs, intervalMs: config.recoveryIntervalMs, batchSize: 20 },
    metrics,
  );
  const server = await startApiServer(
    { db, vendors: registry, operations, limits: config, metrics, stopGracePeriodMs: Math.floor((config.shutdownTimeoutMs - config.shutdownDrainMs) * 0.6) },
    config.port,
    config.host,
  );
  const metricsServer = await startMetricsServer(metrics.registry, config.metricsPort, config.metricsHost);
  const lifecycle = new Lifecycle({
    timeoutMs: config.shutdownTimeoutMs,
    onStopping: () => server.markStopping(),
    drainMs: config.shutdownDrainMs,
    steps: [
      { name: "requests in flight and recovery", run: () => Promise.all([server.stop(), recovery.stop()]) },
      { name: "vendor emulators", run: () => vendors.stop() },
      { name: "metrics server", run: () => metricsServer.stop() },
      { name: "database", run: () => database.close() },
      { name: "traces", run: () => tracing.shutdown() },
    ],
  });
  lifecycle.install();
  recovery.start();
  announceStart({
    url: server.url,
    metricsUrl: metricsServer.url,
    demoToken,
    adminReseller: DEMO_RESELLERS[0].code,
    embedded: database.embedded,
    dataDir: config.dataDir,
    production: config.production,
    console: config.console,
    explorer: config.explorer,
  });
}

main().catch((error) => {
  logger.fatal(fatalLine(error), "the API could not start");
  process.stderr.write(`The API could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
