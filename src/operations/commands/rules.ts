import { registerDecorator, type ValidationArguments, type ValidationOptions } from "class-validator";
import { MAX_YEAR, MIN_YEAR } from "../../domain/value-formats";

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day written YYYY-MM-DD that exists (no 30 February), within the years PostgreSQL and ISO agree on. */
export function isLocalDate(value: unknown): boolean {
  const match = typeof value === "string" ? LOCAL_DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= MIN_YEAR && year <= MAX_YEAR && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The field is a calendar day (see isLocalDate). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      target: target.constructor,
      propertyName: property as string,
      options: { message: "$property must be a day written YYYY-MM-DD", ...options },
      validator: { validate: isLocalDate },
    });
}

/** The identifier held by the field gives exactly one of its fields, as GraphQL's `@oneOf` says for its inputs. */
export function ExactlyOneOf(fields: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      target: target.constructor,
      propertyName: property as string,
      constraints: [...fields],
      options: { message: `$property must give exactly one of ${fields.join(", ")}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          if (typeof value !== "object" || value === null) return false;
          return (args.constraints as string[]).filter((field) => (value as Record<string, unknown>)[field] != null).length === 1;
        },
      },
    });
}

/** A date and time within the years PostgreSQL and the ISO forms agree on. */
export function IsWithinYears(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      target: target.constructor,
      propertyName: property as string,
      options: { message: `$property must fall within the years ${MIN_YEAR} to ${MAX_YEAR}`, ...options },
      validator: {
        validate: (value: unknown) => !(value instanceof Date) || Number.isNaN(value.getTime()) || (value.getUTCFullYear() >= MIN_YEAR && value.getUTCFullYear() <= MAX_YEAR),
      },
    });
}
