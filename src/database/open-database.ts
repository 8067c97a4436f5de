import { mkdirSync } from "node:fs";
import type { AppConfig } from "../config";
import { logger } from "../observability/logger";
import { createDataSource, type AppDataSource } from "./data-source";
import { startEmbeddedPostgres } from "./embedded-postgres";

export interface OpenDatabase {
  dataSource: AppDataSource;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL at DATABASE_URL, or starts the embedded one in the data folder. The
 * embedded database is migrated on open; a real one must have been migrated with `npm run
 * migrate` beforehand (instances never race each other to migrate).
 */
export async function openDatabase(config: Pick<AppConfig, "databaseUrl" | "dataDir" | "database">): Promise<OpenDatabase> {
  const embedded = config.databaseUrl === undefined;
  let stopEmbedded = async () => {};
  let url = config.databaseUrl;
  if (url === undefined) {
    mkdirSync(config.dataDir, { recursive: true });
    const server = await startEmbeddedPostgres({ dataDir: config.dataDir });
    url = server.url;
    stopEmbedded = server.stop;
    logger.info({ dataDir: config.dataDir }, "embedded PostgreSQL (PGlite) started");
  }
  const { poolSize, preparedStatements, ...timeouts } = config.database;
  const dataSource = createDataSource(url, { poolSize, timeouts, embedded, preparedStatements });
  try {
    await dataSource.initialize();
    if (embedded) {
      await dataSource.runMigrations();
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
    async close() {
      await dataSource.destroy();
      await stopEmbedded();
    },
  };
}
