import { plainToInstance } from "class-transformer";
import { validate } from "class-validator";
import { ValidationError } from "../operation-errors";
import { flattenValidationErrors } from "../validation-errors";

/**
 * A command read into its class (a plain object, nested identifiers included; an instance as it
 * is) and checked by its rules: the command, or the ValidationError naming every field at fault.
 */
export async function validateCommand<C extends object>(commandClass: new () => C, given: C): Promise<{ command: C } | { error: ValidationError }> {
  const command = given instanceof commandClass ? given : plainToInstance(commandClass, given);
  const fieldErrors = flattenValidationErrors(await validate(command, { forbidUnknownValues: false }));
  return fieldErrors.length > 0 ? { error: ValidationError.of(fieldErrors) } : { command };
}
