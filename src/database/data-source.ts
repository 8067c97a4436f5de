import "reflect-metadata";
import { types as pgTypes } from "pg";
import { DataSource } from "typeorm";
import { ENTITIES } from "../domain";
import { MIGRATIONS } from "./migrations";
import { SqlStatementLogger } from "./sql-statement-logger";

// PostgreSQL `date` stays the calendar day it is ("2024-06-30"), never a JS Date in some zone.
pgTypes.setTypeParser(pgTypes.builtins.DATE, (value) => value);

export interface DataSourceOptions {
  /** Connections in the pool; the embedded database takes exactly one. */
  poolSize?: number;
  applicationName?: string;
}

export type AppDataSource = DataSource & { sqlLogger: SqlStatementLogger };

/** The TypeORM data source of the product: PostgreSQL, migrations only, never `synchronize`. */
export function createDataSource(url: string, options: DataSourceOptions = {}): AppDataSource {
  const sqlLogger = new SqlStatementLogger();
  const dataSource = new DataSource({
    type: "postgres",
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "schema_migration",
    migrationsTransactionMode: "each",
    synchronize: false,
    uuidExtension: "pgcrypto",
    installExtensions: false,
    logging: true,
    logger: sqlLogger,
    maxQueryExecutionTime: 1000,
    applicationName: options.applicationName ?? "payment-operations-api",
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 },
  }) as AppDataSource;
  dataSource.sqlLogger = sqlLogger;
  return dataSource;
}

/** True when the URL names the embedded database, which serves one connection at a time. */
export function poolSizeFor(embedded: boolean): number {
  return embedded ? 1 : Number(process.env.DATABASE_POOL_SIZE ?? 10);
}
