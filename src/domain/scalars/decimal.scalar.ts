import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

import { DECIMAL_FORMAT as DECIMAL_PATTERN } from "../value-formats";

/** Canonical text of a decimal: no trailing fraction zeros, no "-0". */
export function canonicalDecimal(value: string): string {
  let text = value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
  if (/^-0(\.0*)?$/.test(text)) text = "0";
  return text;
}

function parseDecimal(value: unknown): string {
  if (typeof value !== "string") {
    throw new GraphQLError('Decimal values are strings, such as "12.34"; numbers are refused to avoid float rounding.');
  }
  if (!DECIMAL_PATTERN.test(value)) {
    throw new GraphQLError(
      `"${value.slice(0, 40)}" is not a valid Decimal: use digits with an optional sign and up to 12 decimals, such as "-12.34".`,
    );
  }
  return canonicalDecimal(value);
}

/**
 * Money and rates travel as strings end to end: PostgreSQL `numeric` comes back from `pg` as a
 * string and is never turned into a JavaScript number.
 */
export const Decimal = new GraphQLScalarType<string, string>({
  name: "Decimal",
  description:
    'An exact decimal number carried as a string, such as "199.99" or "0.000123". Never a float.',
  serialize(value) {
    if (typeof value !== "string" || !DECIMAL_PATTERN.test(value)) {
      throw new GraphQLError("Decimal cannot represent this value.");
    }
    return canonicalDecimal(value);
  },
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Decimal literals are strings, such as "12.34"; numbers are refused to avoid float rounding.');
    }
    return parseDecimal(ast.value);
  },
});
