import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";

/**
 * Column types whose values the `pg` driver already gives as TypeORM would hydrate them (strings,
 * numbers, booleans, parsed JSON and arrays, `Date` for timestamps): no conversion to run.
 */
const AS_READ = new Set<unknown>([
  "uuid", "varchar", "character varying", "text", "char", "character", "citext",
  "numeric", "decimal", "smallint", "integer", "int", "int2", "int4", "bigint", "int8",
  "boolean", "bool", "jsonb", "json", "timestamptz", "timestamp with time zone",
]);

/**
 * Hot reads written as plain SQL still answer with the product's entities: the select list and
 * the hydration come from TypeORM's own metadata, so a column added to an entity is read here
 * too, and values are converted exactly as TypeORM converts them (those it would leave as read,
 * left at once). Rows are read as arrays of values, in the order of `selectList`.
 */
export class EntityRows<T extends ObjectLiteral> {
  /** `alias.column AS "alias.property", …` for every column of the entity. */
  readonly selectList: string;
  /** `table alias`, for a FROM clause. */
  readonly from: string;
  /** How many values of a row are this entity's. */
  readonly width: number;
  private readonly columns: Array<{ property: string; convert: (value: unknown) => unknown }>;
  private readonly primaryKey: number;
  private readonly metadata: ReturnType<DataSource["getMetadata"]>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T> & (new () => T),
    private readonly alias: string,
  ) {
    const metadata = (this.metadata = dataSource.getMetadata(entity));
    this.from = `${metadata.tableName} ${alias}`;
    this.columns = metadata.columns.map((column) => ({ property: column.propertyName, convert: converterOf(dataSource, column) }));
    this.width = this.columns.length;
    this.selectList = metadata.columns.map((column) => `${alias}.${column.databaseName}`).join(", ");
    this.primaryKey = metadata.columns.indexOf(metadata.primaryColumns[0]);
  }

  /** `alias.column` of a property. */
  column(property: keyof T & string): string {
    const column = this.metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${this.metadata.name} has no column for "${property}"`);
    return `${this.alias}.${column.databaseName}`;
  }

  /**
   * The entity in a row (an array of values) read with `selectList` from `offset` on; null when a
   * LEFT JOIN found none (its primary key is null).
   */
  hydrate(values: readonly unknown[], offset = 0): T | null {
    if (values[offset + this.primaryKey] === null || values[offset + this.primaryKey] === undefined) return null;
    const entity = new this.entity() as Record<string, unknown>;
    for (let i = 0; i < this.width; i++) entity[this.columns[i].property] = this.columns[i].convert(values[offset + i]);
    return entity as T;
  }
}

function converterOf(dataSource: DataSource, column: ColumnMetadata): (value: unknown) => unknown {
  if (!column.transformer && !column.isArray && AS_READ.has(column.type)) return (value) => value;
  return (value) => dataSource.driver.prepareHydratedValue(value, column);
}

const cache = new WeakMap<DataSource, Map<string, EntityRows<ObjectLiteral>>>();

/** The select list and hydration of an entity under an alias, built once per data source. */
export function entityRows<T extends ObjectLiteral>(dataSource: DataSource, entity: new () => T, alias: string): EntityRows<T> {
  let byKey = cache.get(dataSource);
  if (!byKey) cache.set(dataSource, (byKey = new Map()));
  const key = `${entity.name}:${alias}`;
  let rows = byKey.get(key);
  if (!rows) byKey.set(key, (rows = new EntityRows<ObjectLiteral>(dataSource, entity, alias)));
  return rows as EntityRows<T>;
}
