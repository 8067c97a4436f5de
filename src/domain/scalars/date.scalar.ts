import { GraphQLError, GraphQLScalarType, type ValueNode } from "graphql";
import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";

import { MAX_YEAR, MIN_YEAR } from "../value-formats";

export { MAX_YEAR, MIN_YEAR };

function outOfRange(scalar: string, year: number): GraphQLError {
  return new GraphQLError(`${scalar} must be between the years ${String(MIN_YEAR).padStart(4, "0")} and ${MAX_YEAR}, not ${year}`, {
    extensions: { code: "BAD_USER_INPUT" },
  });
}

function yearOf(value: unknown): number {
  if (value instanceof Date) return value.getUTCFullYear();
  return Number(String(value).slice(0, 4));
}

/** The scalar's own parsing, then the year range: nothing outside it reaches PostgreSQL. */
function withYearRange(base: GraphQLScalarType, name: string, description: string): GraphQLScalarType {
  const config = base.toConfig();
  const checked = <T>(value: T): T => {
    const year = yearOf(value);
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw outOfRange(name, year);
    return value;
  };
  return new GraphQLScalarType({
    ...config,
    name,
    description,
    parseValue: (value: unknown) => checked(config.parseValue(value)),
    parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) => checked(config.parseLiteral(ast, variables)),
  });
}

/** A calendar day, `YYYY-MM-DD`, kept as a string (PostgreSQL `date`). */
export const LocalDate = withYearRange(
  LocalDateResolver,
  "Date",
  "A calendar day in ISO 8601 form, such as 2024-06-30, from 0001-01-01 to 9999-12-31.",
);

/** An instant, ISO 8601 with a time zone, such as 2024-06-30T12:00:00.000Z. */
export const DateTime = withYearRange(DateTimeResolver, "DateTime", DateTimeResolver.description ?? "A date-time string");
