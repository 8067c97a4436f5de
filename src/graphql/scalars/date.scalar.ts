import { GraphQLScalarType } from "graphql";
import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";

/** A calendar day, `YYYY-MM-DD`, kept as a string (PostgreSQL `date`). */
export const LocalDate = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  name: "Date",
  description: "A calendar day in ISO 8601 form, such as 2024-06-30.",
});

/** An instant, ISO 8601 with a time zone, such as 2024-06-30T12:00:00.000Z. */
export const DateTime = DateTimeResolver;
