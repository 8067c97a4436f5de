import "reflect-metadata";
import { createAccessToken } from "./access/access-tokens";
import { loadConfig } from "./config";
import { DEMO_RESELLERS } from "./database/seed/demo-data";
import { openDatabase } from "./database/open-database";
import { seedDemoData } from "./database/seed/seed-demo-data";
import { logger } from "./observability/logger";
import { OperationRecovery } from "./operations/operation-recovery";
import { PaymentOperationPipeline } from "./operations/operation-pipeline";
import { startApiServer } from "./server/api-server";
import { buildVendorRegistry } from "./vendors/build-vendor-registry";
import { loadVendorConfig } from "./vendors/vendor-config";

const EXAMPLE_QUERY = `{ payments(first: 3) { totalCount edges { node { number lifeCycleState amount vendorCode availableOperations } } } }`;

async function main(): Promise<void> {
  const config = loadConfig();
  const vendorConfig = loadVendorConfig();
  const database = await openDatabase(config);
  let demoToken: string | null = null;
  if (database.embedded && (await seedDemoData(database.dataSource))) {
    logger.info("demo data loaded into the embedded database");
    demoToken = (await createAccessToken(database.dataSource, { resellerCode: DEMO_RESELLERS[0].code, roles: ["admin"] })).token;
  }
  const vendors = await buildVendorRegistry(vendorConfig);
  const operations = new PaymentOperationPipeline(database.dataSource, vendors.registry, {
    maxAttempts: config.operationMaxAttempts,
    retryBackoffMs: config.operationRetryBackoffMs,
  });
  const recovery = new OperationRecovery(database.dataSource, operations);
  recovery.start();
  const server = await startApiServer({ dataSource: database.dataSource, vendors: vendors.registry, operations, limits: config }, config.port);
  logger.info({ url: server.url }, "payment operations API listening");
  const token = demoToken ?? "<token>";
  process.stdout.write(
    `\nPayment operations API ready at ${server.url}\n` +
      (demoToken
        ? `Demo token (admin at ${DEMO_RESELLERS[0].code}; shown once, keep it): ${demoToken}\n`
        : `Mint a token with: npm run token -- create --reseller ${DEMO_RESELLERS[0].code} --role admin\n`) +
      (config.explorer ? `Explorer: open ${server.url} in a browser and paste the token in its Headers tab\n` : "") +
      `Try:\n  curl -s ${server.url} -H 'content-type: application/json' -H 'authorization: Bearer ${token}' \\\n` +
      `    -d '${JSON.stringify({ query: EXAMPLE_QUERY })}'\n\n`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await server.stop();
    await recovery.stop();
    await vendors.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  logger.fatal({ err: error }, "the API could not start");
  process.stderr.write(`The API could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
