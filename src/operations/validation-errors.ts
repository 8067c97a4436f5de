import type { ValidationError as ClassValidatorError } from "class-validator";

/** Field paths and messages of class-validator errors, nested inputs flattened to `a.b`. */
export function flattenValidationErrors(errors: ClassValidatorError[], prefix = ""): Array<{ field: string; message: string }> {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
