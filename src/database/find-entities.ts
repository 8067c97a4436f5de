import type { EntityManager, ObjectLiteral } from "typeorm";
import { entityRows } from "./entity-rows";
import { queryPreparedValues } from "./prepared-statements";

export interface FindOptions<T> {
  /** Ascending, then by id. */
  orderBy?: keyof T & string;
  /** `FOR UPDATE`: the rows stay locked until the caller's transaction ends. */
  lock?: boolean;
}

/**
 * The entities whose properties equal the given values (an array: any of them), read by one
 * prepared statement: the hot paths' plain reads, without building a query for each call. The
 * text depends only on the properties named, so each shape is prepared once per connection.
 */
export async function findEntities<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => T,
  where: { [K in keyof T & string]?: T[K] | ReadonlyArray<T[K]> },
  options: FindOptions<T> = {},
): Promise<T[]> {
  const rows = entityRows(manager.connection, entity, "e");
  const params: unknown[] = [];
  const given = Object.entries(where).filter(([, value]) => value !== undefined);
  if (given.length === 0) throw new Error(`findEntities needs at least one condition on ${entity.name}`);
  const conditions = given.map(([property, value]) => {
    const column = rows.column(property);
    if (value === null) return `${column} IS NULL`;
    return Array.isArray(value) ? `${column} = ANY($${params.push(value)})` : `${column} = $${params.push(value)}`;
  });
  const order = options.orderBy ? ` ORDER BY ${rows.column(options.orderBy)}, ${rows.column("id")}` : "";
  const text = `SELECT ${rows.selectList} FROM ${rows.from} WHERE ${conditions.join(" AND ")}${order}${options.lock ? " FOR UPDATE" : ""}`;
  return (await queryPreparedValues(manager, text, params)).map((values) => rows.hydrate(values)!);
}

/** The one entity whose properties equal the values, or null. */
export async function findEntity<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => T,
  where: { [K in keyof T & string]?: T[K] | ReadonlyArray<T[K]> },
  options: Omit<FindOptions<T>, "orderBy"> = {},
): Promise<T | null> {
  return (await findEntities(manager, entity, where, options))[0] ?? null;
}

/** The entity with this id; an error when there is none (the caller knows it exists). */
export async function entityById<T extends ObjectLiteral & { id: string }>(manager: EntityManager, entity: new () => T, id: string, options: { lock?: boolean } = {}): Promise<T> {
  const found = await findEntity(manager, entity, { id } as unknown as { [K in keyof T & string]?: T[K] }, options);
  if (!found) throw new Error(`${entity.name} ${id} was not found`);
  return found;
}
