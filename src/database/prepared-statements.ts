import { createHash } from "node:crypto";
import type { QueryConfig, QueryResult } from "pg";
import type { EntityManager } from "typeorm";
import type { AppDataSource } from "./data-source";
import { TransactionConnectionLostError } from "./database-failures";
import { pgClientOf, poolOf, runAsTypeOrm } from "./typeorm-adapter";

const names = new Map<string, string>();

/** The statement's name: the same text always gets the same name, in every connection. */
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `s_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

interface PgQueryable {
  query(config: QueryConfig): Promise<QueryResult>;
}

/**
 * Runs one of the hot statements as a named prepared statement: PostgreSQL parses and plans its
 * text once per connection instead of on every request (most of the database's work for a
 * payment lookup). The text must not embed values: every value is a parameter, so one text
 * serves every request. Inside a transaction the statement runs on the transaction's connection,
 * and on no other: once that connection is lost the statement fails (08003) and is never sent.
 * It is counted, timed and logged like every statement TypeORM runs. On the embedded database
 * (one session for every connection) it runs unnamed.
 */
export async function queryPrepared<T = Record<string, unknown>>(manager: EntityManager, text: string, params: readonly unknown[]): Promise<T[]> {
  return (await runPrepared(manager, text, params, false)) as T[];
}

/** `queryPrepared`, each row an array of its values in the order of the select list (no object per row). */
export async function queryPreparedValues(manager: EntityManager, text: string, params: readonly unknown[]): Promise<unknown[][]> {
  return (await runPrepared(manager, text, params, true)) as unknown[][];
}

/**
 * A statement planned for its parameters each time it runs, never prepared by name: for a
 * statement whose best plan depends on its values (how many resellers a reach holds, how rare a
 * state is), which a prepared statement's generic plan, chosen after five runs, cannot see. It
 * runs as `queryPrepared`'s do otherwise: on the transaction's connection and no other, counted,
 * timed and logged.
 */
export async function queryPlannedEachTime<T = Record<string, unknown>>(manager: EntityManager, text: string, params: readonly unknown[]): Promise<T[]> {
  return (await runPrepared(manager, text, params, false, false)) as T[];
}

/** `queryPlannedEachTime`, each row an array of its values in the order of the select list. */
export async function queryPlannedEachTimeValues(manager: EntityManager, text: string, params: readonly unknown[]): Promise<unknown[][]> {
  return (await runPrepared(manager, text, params, true, false)) as unknown[][];
}

async function runPrepared(manager: EntityManager, text: string, params: readonly unknown[], asArrays: boolean, named = true): Promise<unknown[]> {
  const dataSource = manager.connection as AppDataSource;
  const runner = manager.queryRunner;
  const parameters = params as unknown[];
  const config: QueryConfig = !named || dataSource.preparesStatements === false ? { text, values: parameters } : { name: statementName(text), text, values: parameters };
  if (asArrays) (config as QueryConfig & { rowMode: "array" }).rowMode = "array";
  const result = await runAsTypeOrm(dataSource, runner, text, parameters, async () => (await connectionFor(dataSource, runner)).query(config));
  return result.rows as unknown[];
}

/**
 * The query runner's own connection (a transaction's), or the pool without one. A released runner
 * means the transaction's connection is gone: nothing may run in its name any more.
 */
async function connectionFor(dataSource: AppDataSource, runner: EntityManager["queryRunner"]): Promise<PgQueryable> {
  if (!runner) {
    const pool = poolOf(dataSource);
    if (!pool) throw new Error("Connection is not established: the data source is closed");
    return pool;
  }
  if (runner.isReleased) throw new TransactionConnectionLostError();
  return pgClientOf(runner);
}
