import { tracing } from "./observability/start-tracing";
import "reflect-metadata";
import type { App } from "./app";
import { loadConfig } from "./config";
import { startEmbeddedPostgres } from "./database/embedded-postgres";
import { DEMO_RESELLERS } from "./demo/demo-data";
import { logger } from "./observability/logger";
import { fatalLine } from "./server/fatal-line";
import { Lifecycle } from "./server/lifecycle";
import { startMetricsServer } from "./server/metrics-server";
import { announceStart } from "./server/start-line";
import { INSTALLED_VENDORS } from "./vendors/installed-vendors";
import { missingVendorSettings } from "./vendors/vendor-config";

async function main(): Promise<void> {
  const config = loadConfig();
  // A vendor refused by its settings stops the start before the data folder is touched.
  const refusal = missingVendorSettings(config.vendors, INSTALLED_VENDORS);
  if (refusal) throw refusal;
  // The embedded PostgreSQL starts in its own thread while the rest of the API loads below (each
  // takes about a second); the opening of the database waits for it, and stops it if it fails.
  const embeddedServer = config.databaseUrl === undefined ? startEmbeddedPostgres({ dataDir: config.dataDir }) : undefined;
  embeddedServer?.catch(() => {}); // its failure is the opening's, below, not an unhandled rejection meanwhile
  let app: App;
  try {
    const { buildApp } = await import("./app");
    app = await buildApp(config, INSTALLED_VENDORS, { open: { embeddedServer } });
  } catch (error) {
    // It stops with a failed start, cleanly (where the opening has stopped it already, at once).
    await embeddedServer
      ?.then((server) => server.stop(), () => {})
      .catch((stopping: unknown) => logger.warn({ err: stopping }, "could not stop the embedded PostgreSQL after a failed start"));
    throw error;
  }
  try {
    await serve(app);
  } catch (error) {
    // Nothing is left running: the emulators stop and the database closes before the process ends.
    await app.close().catch((closing: unknown) => logger.warn({ err: closing }, "could not close after a failed start"));
    throw error;
  }
}

async function serve(app: App): Promise<void> {
  const { config, database } = app;
  let demoToken: string | null = null;
  // Production never loads demo data, nor mints a token: the first one comes from `npm run token`.
  if (app.demoDataLoaded) {
    logger.info("demo data loaded into the embedded database");
    const { createAccessToken } = await import("./access/access-tokens");
    demoToken = (await createAccessToken(database.dataSource, { resellerCode: DEMO_RESELLERS[0].code, roles: ["admin"] })).token;
  }
  const recovery = app.recovery({ batchSize: 20 });
  const server = await app.startServer(config.port, {
    host: config.host,
    stopGracePeriodMs: Math.floor((config.shutdownTimeoutMs - config.shutdownDrainMs) * 0.6),
  });
  const metricsServer = await startMetricsServer(app.metrics.registry, config.metricsPort, config.metricsHost);
  const lifecycle = new Lifecycle({
    timeoutMs: config.shutdownTimeoutMs,
    onStopping: () => server.markStopping(),
    drainMs: config.shutdownDrainMs,
    steps: [
      { name: "requests in flight and recovery", run: () => Promise.all([server.stop(), recovery.stop()]) },
      { name: "metrics server", run: () => metricsServer.stop() },
      { name: "vendor emulators and database", run: () => app.close() },
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
