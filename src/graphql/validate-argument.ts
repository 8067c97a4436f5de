import { getMetadataStorage, validate, type ValidatorOptions } from "class-validator";
import { ArgumentValidationError } from "type-graphql";

/** As type-graphql's own check: a missing optional field is no fault, an undecorated one is allowed. */
const OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true, validationError: { target: false, value: false } };

const hasRules = new WeakMap<object, boolean>();

/** Whether class-validator holds a rule for the argument's input class (its own or inherited). */
function isRuled(value: object): boolean {
  const type = value.constructor;
  let ruled = hasRules.get(type);
  if (ruled === undefined) {
    ruled = getMetadataStorage().getTargetValidationMetadatas(type, "", true, false).length > 0;
    hasRules.set(type, ruled);
  }
  return ruled;
}

/**
 * The check of one GraphQL argument by its input class's class-validator rules (PaymentFilter's
 * lengths and patterns), as type-graphql's built-in one does it, failing with the same
 * ArgumentValidationError that format-error.ts answers as BAD_USER_INPUT with `fieldErrors`.
 * Unlike the built-in one, it loads class-validator once instead of on every argument, and an
 * argument whose class holds no rule (most of them: the domain's commands are checked by the
 * pipeline, src/operations/commands/) is passed without walking class-validator's metadata.
 */
export async function validateArgument(value: unknown): Promise<void> {
  for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
    if (item === null || typeof item !== "object" || !isRuled(item)) continue;
    const errors = await validate(item, OPTIONS);
    if (errors.length > 0) throw new ArgumentValidationError(errors);
  }
}
