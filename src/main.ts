import "reflect-metadata";
import { createAccessToken } from "./access/access-tokens";
import { buildApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { DatabaseConnectionError } from "./database/connection-failures";
import { DataFolderInUseError } from "./database/data-folder-lock";
import { DEMO_RESELLERS } from "./demo/demo-data";
import { logger } from "./observability/logger";
import { Lifecycle } from "./server/lifecycle";
import { startMetricsServer } from "./server/metrics-server";
import { INSTALLED_VENDORS } from "./vendors/installed-vendors";

const EXAMPLE_QUERY = `{ payments(first: 3) { totalCount edges { node { number lifeCycleState amount vendorCode availableOperations } } } }`;

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config, INSTALLED_VENDORS);
  const { database } = app;
  let demoToken: string | null = null;
  if (app.demoDataLoaded) {
    logger.info("demo data loaded into the embedded database");
    demoToken = (await createAccessToken(database.dataSource, { resellerCode: DEMO_RESELLERS[0].code, roles: ["admin"] })).token;
  }
  const recovery = app.recovery({ batchSize: 20 });
  const server = await app.startServer(config.port, { stopGracePeriodMs: Math.floor(config.shutdownTimeoutMs * 0.6) });
  const metricsServer = await startMetricsServer(app.metrics.registry, config.metricsPort);
  const lifecycle = new Lifecycle({
    timeoutMs: config.shutdownTimeoutMs,
    onStopping: () => server.markStopping(),
    steps: [
      { name: "requests in flight and recovery", run: () => Promise.all([server.stop(), recovery.stop()]) },
      { name: "metrics server", run: () => metricsServer.stop() },
      { name: "vendor emulators and database", run: () => app.close() },
    ],
  });
  lifecycle.install();
  recovery.start();
  logger.info({ url: server.url, metrics: metricsServer.url }, "payment operations API listening");
  const token = demoToken ?? "<token>";
  process.stdout.write(
    `\nPayment operations API ready at ${server.url}\n` +
      `Metrics at ${metricsServer.url}\n` +
      (demoToken
        ? `Demo token (admin at ${DEMO_RESELLERS[0].code}; shown once, keep it): ${demoToken}\n`
        : database.embedded
          ? `Mint a token: stop the API (Ctrl+C; one process at a time uses ${config.dataDir}), then npm run token -- create --reseller ${DEMO_RESELLERS[0].code} --role admin\n`
          : `Mint a token with: npm run token -- create --reseller ${DEMO_RESELLERS[0].code} --role admin\n`) +
      (config.console ? `Operator console: open ${new URL("/console", server.url).href} in a browser and paste the token\n` : "") +
      (config.explorer ? `Explorer: open ${server.url} in a browser and paste the token in its Headers tab\n` : "") +
      `Try:\n  curl -s ${server.url} -H 'content-type: application/json' -H 'authorization: Bearer ${token}' \\\n` +
      `    -d '${JSON.stringify({ query: EXAMPLE_QUERY })}'\n\n`,
  );
}

main().catch((error) => {
  // A refusal said in one line with what to do needs no stack in the log.
  const said = error instanceof ConfigError || error instanceof DataFolderInUseError || error instanceof DatabaseConnectionError;
  logger.fatal(said ? { reason: error.message } : { err: error }, "the API could not start");
  process.stderr.write(`The API could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
