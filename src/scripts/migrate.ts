import "reflect-metadata";
import { loadConfig } from "../config";
import { databaseAddress, describeAddress } from "../database/connection-failures";
import { openDatabase } from "../database/open-database";
import { quietLogsUnlessAsked } from "../observability/logger";
import { MIGRATIONS } from "../database/migrations";

/**
 * `npm run migrate`: applies the pending migrations to DATABASE_URL's PostgreSQL (or to the
 * embedded database in DATA_DIR when it is unset), each in its own transaction, and says which
 * it applied; a database that cannot be reached is said in one line with the fix, and exit 1.
 */
async function migrate(): Promise<void> {
  quietLogsUnlessAsked();
  const config = loadConfig();
  const where = config.databaseUrl === undefined ? `the embedded database in ${config.dataDir}` : describeAddress(databaseAddress(config.databaseUrl));
  const database = await openDatabase(config, { migrate: true, applicationName: "payment-operations-migrations" });
  try {
    for (const name of database.applied) console.log(`Applied ${name}`);
    console.log(
      database.applied.length
        ? `${database.applied.length} migration(s) applied to ${where}; it is up to date.`
        : `Nothing to apply: ${where} is up to date (${MIGRATIONS.length} migrations).`,
    );
  } finally {
    await database.close();
  }
}

migrate().catch((error) => {
  console.error(`npm run migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
