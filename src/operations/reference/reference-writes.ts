import { Permission } from "../../access/roles";
import { isValueRefusal } from "../../database/database-failures";
import type { PaymentDatabase, Stores } from "../../stores/stores";
import { validateCommand } from "../commands/validate-command";
import type { OperationActor } from "../operation-actor";
import { NotAuthorizedError, ValidationError } from "../operation-errors";
import { fieldErrorsOf } from "../record-write-failures";

/**
 * How every reference-data write runs: the admin's permission, the command's rules (a
 * ValidationError names every field at fault), then the work in one transaction. Should
 * PostgreSQL refuse a value, the refusal is the answer (`refused`, or a ValidationError) and
 * nothing is saved.
 */
export async function writeReference<C extends object>(
  db: PaymentDatabase,
  commandClass: new () => C,
  given: C,
  actor: OperationActor,
  work: (stores: Stores, command: C) => Promise<object>,
  refused?: (error: unknown, command: C) => Promise<object | null>,
): Promise<object> {
  if (!actor.permissions.has(Permission.REFERENCE_WRITE)) return NotAuthorizedError.of(Permission.REFERENCE_WRITE);
  const checked = await validateCommand(commandClass, given);
  if ("error" in checked) return checked.error;
  try {
    return await db.transaction((stores) => work(stores, checked.command));
  } catch (error) {
    if (!isValueRefusal(error)) throw error;
    return (await refused?.(error, checked.command)) ?? ValidationError.of(fieldErrorsOf(error));
  }
}
