import type { AppConfig } from "../config";
import { logger } from "../observability/logger";
import { applyMigrations } from "./apply-migrations";
import { connectionFailure } from "./connection-failures";
import { createDataSource, type AppDataSource } from "./data-source";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

export interface OpenDatabase {
  dataSource: AppDataSource;
  embedded: boolean;
  /** The migrations applied while opening, by name, in order. */
  applied: string[];
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations (`npm run migrate`); by default only the embedded database is migrated on open. */
  migrate?: boolean;
  /** The name the connections give PostgreSQL (`application_name`). */
  applicationName?: string;
  /**
   * The embedded server, already starting in the data folder (main.ts starts it while the rest of
   * the API loads); by default it is started here. Stopped here when the opening fails.
   */
  embeddedServer?: Promise<EmbeddedPostgres>;
}

/**
 * Connects to PostgreSQL at DATABASE_URL, or starts the embedded one in the data folder. The
 * embedded database is migrated on open; a real one must have been migrated with `npm run
 * migrate` beforehand (instances never race each other to migrate). A server that cannot be
 * reached or entered is said in one line with what to do (src/database/connection-failures.ts).
 */
export async function openDatabase(
  config: Pick<AppConfig, "databaseUrl" | "dataDir" | "database">,
  options: OpenDatabaseOptions = {},
): Promise<OpenDatabase> {
  const embedded = config.databaseUrl === undefined;
  let stopEmbedded = async () => {};
  let url = config.databaseUrl;
  if (url === undefined) {
    const server = await (options.embeddedServer ?? startEmbeddedPostgres({ dataDir: config.dataDir }));
    url = server.url;
    stopEmbedded = () => server.stop();
    logger.info({ dataDir: config.dataDir }, "embedded PostgreSQL (PGlite) started");
  }
  const { poolSize, preparedStatements, ...timeouts } = config.database;
  const dataSource = createDataSource(url, { poolSize, timeouts, embedded, preparedStatements, applicationName: options.applicationName });
  let applied: string[] = [];
  try {
    await dataSource.initialize().catch((error: unknown) => {
      throw connectionFailure(error, url) ?? error;
    });
    if (options.migrate ?? embedded) {
      applied = await applyMigrations(dataSource);
    } else if (await dataSource.showMigrations()) {
      throw new Error("The database has migrations that are not applied yet: run `npm run migrate` first.");
    }
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await stopEmbedded();
    throw error;
  }
  return {
    dataSource,
    embedded,
    applied,
    async close() {
      await dataSource.destroy();
      await stopEmbedded();
    },
  };
}
