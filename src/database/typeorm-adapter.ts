import type { Pool, PoolClient } from "pg";
import { QueryFailedError, type DataSource, type EntityTarget, type QueryRunner } from "typeorm";
import type { PostgresDataSourceOptions } from "typeorm/driver/postgres/PostgresDataSourceOptions";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import type { EntityMetadata } from "typeorm/metadata/EntityMetadata";

/**
 * The one module that reaches into TypeORM beyond its documented API: its postgres driver's `pg`
 * pool, a query runner's `pg` client, the way its query runner logs a statement, its entity
 * metadata and its hydration of a column's value. The rest of the code asks these functions;
 * test/database/typeorm-adapter.test.ts fails if an upgrade of TypeORM changes any of them.
 */

/** The `pg` Pool of the data source's postgres driver; undefined before `initialize` and after `destroy`. */
export function poolOf(dataSource: DataSource): Pool | undefined {
  return (dataSource.driver as PostgresDriver).master as Pool | undefined;
}

/**
 * The `pg` client a query runner holds, connecting it first: the connection of its transaction.
 * Never ask it of a released runner: TypeORM hands back the client it has already returned to the
 * pool, which another request may be using.
 */
export async function pgClientOf(runner: QueryRunner): Promise<PoolClient> {
  return (await runner.connect()) as PoolClient;
}

/**
 * Runs a statement sent on a `pg` connection (by `send`) as TypeORM's postgres query runner runs
 * its own: logged (and so counted) first, timed and logged when slower than
 * `maxQueryExecutionTime`, and on failure logged and thrown as a QueryFailedError around the
 * driver's error.
 */
export async function runAsTypeOrm<T>(dataSource: DataSource, runner: QueryRunner | undefined, text: string, parameters: unknown[], send: () => Promise<T>): Promise<T> {
  dataSource.logger.logQuery(text, parameters, runner);
  const started = Date.now();
  try {
    const result = await send();
    const elapsed = Date.now() - started;
    const slowAfter = dataSource.options.maxQueryExecutionTime;
    if (slowAfter && elapsed > slowAfter) dataSource.logger.logQuerySlow(elapsed, text, parameters, runner);
    return result;
  } catch (error) {
    dataSource.logger.logQueryError(error as Error, text, parameters, runner);
    throw new QueryFailedError(text, parameters, error as Error);
  }
}

/** A column of an entity, as TypeORM's metadata describes it. */
export interface EntityColumn {
  property: string;
  databaseName: string;
  /** TypeORM's type of the column ("varchar", "timestamptz", "int4", "enum"…); a class's name when it has none of its own. */
  type: string;
  primary: boolean;
  /** What TypeORM's reads do with this column besides converting its value: none for a plain column. */
  features: string[];
  /** The value as TypeORM's own hydration makes it from what `pg` read. */
  hydrate(value: unknown): unknown;
}

/** An entity's table and columns, as TypeORM's metadata describes them. */
export interface EntityColumns {
  name: string;
  table: string;
  columns: EntityColumn[];
  /** What TypeORM's reads do with this entity besides setting its columns: none for a plain entity. */
  features: string[];
}

/** The table and columns of an entity of the data source (initialized), from TypeORM's metadata. */
export function columnsOf(dataSource: DataSource, entity: EntityTarget<unknown>): EntityColumns {
  const metadata = dataSource.getMetadata(entity);
  return {
    name: metadata.name,
    table: metadata.tableName,
    features: entityFeatures(dataSource, metadata),
    columns: metadata.columns.map((column) => ({
      property: column.propertyName,
      databaseName: column.databaseName,
      type: typeof column.type === "string" ? column.type : `${column.type.name} (a class)`,
      primary: column.isPrimary,
      features: columnFeatures(column),
      hydrate: (value: unknown): unknown => dataSource.driver.prepareHydratedValue(value, column) as unknown,
    })),
  };
}

/** The names of the features that apply. */
function applying(features: Array<[boolean, string]>): string[] {
  return features.filter(([applies]) => applies).map(([, feature]) => feature);
}

function columnFeatures(column: ColumnMetadata): string[] {
  return applying([
    [Boolean(column.transformer), "a value transformer"],
    [column.isArray, "an array type"],
    [Boolean(column.relationMetadata), "a relation"],
    [Boolean(column.embeddedMetadata), "an embedded entity"],
    [!column.isSelect, "select: false (TypeORM leaves it out of its reads)"],
    [column.isVirtual || column.isVirtualProperty, "a virtual column"],
    [column.isDeleteDate, "a soft-delete date (TypeORM leaves deleted rows out)"],
    [column.isDiscriminator, "a discriminator of table inheritance"],
    [column.isTreeLevel || column.isNestedSetLeft || column.isNestedSetRight || column.isMaterializedPath, "a tree column"],
    [column.isObjectId, "an object id"],
  ]);
}

function entityFeatures(dataSource: DataSource, metadata: EntityMetadata): string[] {
  const target = metadata.target;
  const afterLoadSubscriber = dataSource.subscribers.some((subscriber) => {
    if (!subscriber.afterLoad) return false;
    const listensTo = subscriber.listenTo?.();
    return !listensTo || listensTo === Object || listensTo === target || (typeof listensTo === "function" && Object.prototype.isPrototypeOf.call(listensTo, target));
  });
  return applying([
    [metadata.relations.length > 0, "relations"],
    [metadata.embeddeds.length > 0, "embedded entities"],
    [Boolean(metadata.inheritancePattern || metadata.discriminatorColumn) || metadata.childEntityMetadatas.length > 0 || metadata.tableType === "entity-child", "table inheritance"],
    [Boolean(metadata.treeType), "a tree"],
    [metadata.afterLoadListeners.length > 0 || afterLoadSubscriber, "after-load listeners"],
    [!metadata.isAlwaysUsingConstructor, "entities made without their constructor"],
    [Boolean(dataSource.options.typename), "a typename property"],
  ]);
}

/** What a connection of its own needs to reach the same database as the pool, with the pool's limits. */
export function connectionSettingsOf(dataSource: DataSource): { url: string; applicationName: string; connectTimeoutMs: number; keepAliveDelayMs: number } {
  const options = dataSource.options as PostgresDataSourceOptions;
  const pool = options.extra as { connectionTimeoutMillis: number; keepAliveInitialDelayMillis: number };
  return {
    url: options.url!,
    applicationName: options.applicationName ?? "payment-operations-api",
    connectTimeoutMs: pool.connectionTimeoutMillis,
    keepAliveDelayMs: pool.keepAliveInitialDelayMillis,
  };
}
