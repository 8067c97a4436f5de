import type { EntityManager, ObjectLiteral } from "typeorm";
import { findEntity } from "../database/find-entities";
import { identifierField } from "../payments/payment-queries";

/** Finds a lookup row (type, category, reason) by the one field its `@oneOf` identifier gives. */
export async function findByIdentifier<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => T,
  identifier: object,
): Promise<T | null> {
  const [field, value] = identifierField(identifier);
  return findEntity(manager, entity, { [field]: value } as { [K in keyof T & string]?: T[K] });
}
