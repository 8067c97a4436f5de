import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";

/**
 * Hot reads written as plain SQL still answer with the product's entities: the select list and
 * the hydration come from TypeORM's own metadata, so a column added to an entity is read here
 * too, and values are converted exactly as TypeORM converts them.
 */
export class EntityRows<T extends ObjectLiteral> {
  /** `alias.column AS "alias.property", …` for every column of the entity. */
  readonly selectList: string;
  /** `table alias`, for a FROM clause. */
  readonly from: string;
  private readonly columns: Array<{ key: string; property: string; metadata: ColumnMetadata }>;
  private readonly primaryKey: string;
  private readonly metadata: ReturnType<DataSource["getMetadata"]>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T> & (new () => T),
    private readonly alias: string,
  ) {
    const metadata = (this.metadata = dataSource.getMetadata(entity));
    this.from = `${metadata.tableName} ${alias}`;
    this.columns = metadata.columns.map((column) => ({ key: `${alias}.${column.propertyName}`, property: column.propertyName, metadata: column }));
    this.selectList = metadata.columns.map((column) => `${alias}.${column.databaseName} AS "${alias}.${column.propertyName}"`).join(", ");
    this.primaryKey = `${alias}.${metadata.primaryColumns[0].propertyName}`;
  }

  /** `alias.column` of a property. */
  column(property: keyof T & string): string {
    const column = this.metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${this.metadata.name} has no column for "${property}"`);
    return `${this.alias}.${column.databaseName}`;
  }

  /** The entity in a row read with `selectList`; null when a LEFT JOIN found none (its primary key is null). */
  hydrate(row: Record<string, unknown>): T | null {
    if (row[this.primaryKey] === null || row[this.primaryKey] === undefined) return null;
    const entity = new this.entity() as Record<string, unknown>;
    for (const column of this.columns) entity[column.property] = this.dataSource.driver.prepareHydratedValue(row[column.key], column.metadata);
    return entity as T;
  }
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
