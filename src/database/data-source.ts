import "reflect-metadata";
import { EventEmitter } from "node:events";
import { types as pgTypes } from "pg";
import { DataSource } from "typeorm";
import { ENTITIES } from "../domain";
import { MIGRATIONS } from "./migrations";
import type { DatabaseSettings } from "../config";
import { SqlStatementLogger } from "./sql-statement-logger";
import { timestampParser } from "./timestamp-parser";
import { watchedClientClass } from "./watched-client";

// PostgreSQL `date` stays the calendar day it is ("2024-06-30"), never a JS Date in some zone.
pgTypes.setTypeParser(pgTypes.builtins.DATE, (value) => value);
// `timestamptz` read as pg's parser reads it, without its regular expressions for PostgreSQL's usual shape.
pgTypes.setTypeParser(pgTypes.builtins.TIMESTAMPTZ, timestampParser(pgTypes.getTypeParser(pgTypes.builtins.TIMESTAMPTZ, "text") as (text: string) => unknown));

export interface DataSourceOptions {
  /** Connections in the pool (10 by default); the embedded database takes exactly one. */
  poolSize?: number;
  applicationName?: string;
  /** Timeouts and keepalive (DATABASE_* settings); the defaults of `loadConfig` when absent. */
  timeouts?: DatabaseTimeouts;
  /** Hot statements prepared by name (DATABASE_PREPARED_STATEMENTS); true by default, never on the embedded database. */
  preparedStatements?: boolean;
  /**
   * The embedded PostgreSQL (PGlite) runs one statement at a time in one session for every
   * connection to it: a pool of one connection, and no statement prepared by name (it would
   * already exist for the next connection).
   */
  embedded?: boolean;
}

type DatabaseTimeouts = Omit<DatabaseSettings, "poolSize" | "preparedStatements">;

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 15_000,
  idleInTransactionTimeoutMs: 15_000,
  socketTimeoutMs: 20_000,
  keepAliveDelayMs: 10_000,
};

export type AppDataSource = DataSource & {
  sqlLogger: SqlStatementLogger;
  /** Whether hot statements are prepared by name (src/database/prepared-statements.ts). */
  preparesStatements: boolean;
  /** The embedded PostgreSQL (PGlite): one session for every connection, no LISTEN of its own. */
  embedded: boolean;
  /** What the pool's connections hear on a channel (`notification` events): the embedded database's only way to listen. */
  notifications: EventEmitter;
};

/** The TypeORM data source of the product: PostgreSQL, migrations only, never `synchronize`. */
export function createDataSource(url: string, options: DataSourceOptions = {}): AppDataSource {
  const sqlLogger = new SqlStatementLogger();
  const notifications = new EventEmitter().setMaxListeners(0);
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
    extra: poolOptions(options.embedded ? 1 : (options.poolSize ?? 10), options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS, notifications),
  }) as AppDataSource;
  dataSource.notifications = notifications;
  dataSource.sqlLogger = sqlLogger;
  dataSource.preparesStatements = !options.embedded && options.preparedStatements !== false;
  dataSource.embedded = options.embedded === true;
  return dataSource;
}

/** `pg` pool options: no request and no probe waits on PostgreSQL longer than these limits. */
function poolOptions(max: number, timeouts: DatabaseTimeouts, notifications: EventEmitter) {
  return {
    max,
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    statement_timeout: timeouts.statementTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: timeouts.keepAliveDelayMs,
    Client: watchedClientClass(timeouts.socketTimeoutMs, notifications),
  };
}
