import type { Logger as TypeOrmLogger } from "typeorm";
import { logger } from "../observability/logger";

/**
 * TypeORM logger that counts the SQL statements a data source runs (the N+1 guard in the tests
 * and the benchmark read it) and sends slow statements and errors to the application log.
 * Parameters are never logged: they may hold personal or secret data (the error serializer drops
 * them from errors too).
 */
export class SqlStatementLogger implements TypeOrmLogger {
  statementCount = 0;

  logQuery(): void {
    this.statementCount += 1;
  }
  logQueryError(error: string | Error, query: string): void {
    logger.debug({ err: typeof error === "string" ? new Error(error) : error, sql: query }, "SQL statement failed");
  }
  logQuerySlow(time: number, query: string): void {
    logger.warn({ timeMs: time, sql: query }, "slow SQL statement");
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    logger.info(message);
  }
  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") logger.warn({ message: typeof message === "string" ? message : "TypeORM warning" }, "TypeORM");
  }
}
