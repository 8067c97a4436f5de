import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { identifierField } from "../payments/payment-queries";

/** Finds a lookup row (type, category, reason) by the one field its `@oneOf` identifier gives. */
export async function findByIdentifier<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  identifier: object,
): Promise<T | null> {
  const [field, value] = identifierField(identifier);
  return manager.getRepository(entity).createQueryBuilder("e").where(`e.${field} = :value`, { value }).getOne();
}
