import type { DataSource, ObjectLiteral } from "typeorm";
import { columnsOf, type EntityColumns } from "./typeorm-adapter";

/**
 * Column types whose values TypeORM's hydration leaves as the `pg` driver read them (strings,
 * numbers, booleans, parsed JSON, `Date` for timestamps): no conversion to run.
 */
const AS_READ = new Set([
  "uuid", "varchar", "character varying", "text", "char", "character",
  "numeric", "decimal", "smallint", "integer", "int", "int2", "int4", "bigint", "int8",
  "boolean", "bool", "jsonb", "json", "timestamptz", "timestamp with time zone",
]);

/** Column types whose values TypeORM converts (an enum's, a calendar day's): its own conversion runs. */
const CONVERTED = new Set(["enum", "date"]);

/**
 * Hot reads written as plain SQL still answer with the product's entities: the select list and
 * the hydration come from TypeORM's own metadata, so a column added to an entity is read here
 * too, and values are converted exactly as TypeORM converts them (those it would leave as read,
 * left at once). Rows are read as arrays of values, in the order of `selectList`. An entity
 * whose reads TypeORM does more for (relations, embedded entities, transformers, arrays, a type
 * not listed above…) is refused when its rows are first asked for, never read differently.
 */
export class EntityRows<T extends ObjectLiteral> {
  /** `alias.column, …` for every column of the entity, in the order `hydrate` reads them. */
  readonly selectList: string;
  /** `table alias`, for a FROM clause. */
  readonly from: string;
  /** How many values of a row are this entity's. */
  readonly width: number;
  private readonly converters: Array<(value: unknown) => unknown>;
  private readonly properties: string[];
  private readonly primaryKey: number;
  private readonly described: EntityColumns;

  constructor(
    dataSource: DataSource,
    private readonly entity: new () => T,
    private readonly alias: string,
  ) {
    const described = (this.described = columnsOf(dataSource, entity));
    refuseUnlessPlain(described);
    this.from = `${described.table} ${alias}`;
    this.properties = described.columns.map((column) => column.property);
    this.converters = described.columns.map((column) => (AS_READ.has(column.type) ? asRead : (value: unknown) => column.hydrate(value)));
    this.width = described.columns.length;
    this.selectList = described.columns.map((column) => `${alias}.${column.databaseName}`).join(", ");
    this.primaryKey = described.columns.findIndex((column) => column.primary);
  }

  /** `alias.column` of a property. */
  column(property: keyof T & string): string {
    const column = this.described.columns.find((candidate) => candidate.property === property);
    if (!column) throw new Error(`${this.described.name} has no column for "${property}"`);
    return `${this.alias}.${column.databaseName}`;
  }

  /**
   * The entity in a row (an array of values) read with `selectList` from `offset` on; null when a
   * LEFT JOIN found none (its primary key is null).
   */
  hydrate(values: readonly unknown[], offset = 0): T | null {
    if (values[offset + this.primaryKey] === null || values[offset + this.primaryKey] === undefined) return null;
    const entity = new this.entity() as Record<string, unknown>;
    for (let i = 0; i < this.width; i++) entity[this.properties[i]] = this.converters[i](values[offset + i]);
    return entity as T;
  }
}

function asRead(value: unknown): unknown {
  return value;
}

/** Throws, naming the entity and the column, unless every row of the entity is read here exactly as TypeORM reads it. */
function refuseUnlessPlain(described: EntityColumns): void {
  const refuse = (what: string, why: string): never => {
    throw new Error(`EntityRows cannot read ${what} as TypeORM does: ${why}. Read it with TypeORM, or teach src/database/entity-rows.ts this shape.`);
  };
  if (described.features.length > 0) refuse(`the entity ${described.name}`, `it has ${described.features.join(", ")}`);
  const primary = described.columns.filter((column) => column.primary);
  if (primary.length !== 1) refuse(`the entity ${described.name}`, `it has ${primary.length} primary key columns, not one`);
  for (const column of described.columns) {
    const what = `${described.name}.${column.property} (column ${column.databaseName})`;
    if (column.features.length > 0) refuse(what, `it has ${column.features.join(", ")}`);
    if (!AS_READ.has(column.type) && !CONVERTED.has(column.type)) refuse(what, `its type ${column.type} is not one it knows`);
  }
}

const cache = new WeakMap<DataSource, Map<string, EntityRows<ObjectLiteral>>>();

/** The select list and hydration of an entity under an alias, built once per data source. */
export function entityRows<T extends ObjectLiteral>(dataSource: DataSource, entity: new () => T, alias: string): EntityRows<T> {
  let byKey = cache.get(dataSource);
  if (!byKey) cache.set(dataSource, (byKey = new Map<string, EntityRows<ObjectLiteral>>()));
  const key = `${entity.name}:${alias}`;
  let rows = byKey.get(key);
  if (!rows) byKey.set(key, (rows = new EntityRows<ObjectLiteral>(dataSource, entity, alias)));
  return rows as EntityRows<T>;
}
