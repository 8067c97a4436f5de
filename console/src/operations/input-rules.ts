/**
 * The rules the API applies to what an operator types, checked in the page before anything is
 * sent: the formats and lengths are the API's own (src/domain/value-formats.ts).
 */
import {
  CANCELLATION_TEXT_LENGTHS,
  CURRENCY_CODE_FORMAT,
  DECIMAL_FORMAT,
  MAX_YEAR,
  MIN_YEAR,
  NAME_LENGTH,
  RECORD_CODE_LENGTH,
  RESOLUTION_NOTE_LENGTH,
  USER_DEFINED_DECIMAL_FORMAT,
} from "../../../src/domain/value-formats";

export { CANCELLATION_TEXT_LENGTHS, NAME_LENGTH, RECORD_CODE_LENGTH, RESOLUTION_NOTE_LENGTH };
export type FieldErrors = Record<string, string>;

function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const day = new Date(0);
  day.setUTCFullYear(year, Number(match[2]) - 1, Number(match[3]));
  return year >= MIN_YEAR && year <= MAX_YEAR && day.toISOString().slice(0, 10) === text;
}

export const rules = {
  decimal: (value: string) => (DECIMAL_FORMAT.test(value) ? null : "a decimal number such as 12.50 (no exponent, at most 12 decimals)"),
  udfDecimal: (value: string) => (DECIMAL_FORMAT.test(value) && USER_DEFINED_DECIMAL_FORMAT.test(value) ? null : "a decimal number with at most 10 decimals, such as 12.50"),
  date: (value: string) => (isCalendarDay(value) ? null : "a calendar day, YYYY-MM-DD"),
  currencyCode: (value: string) => (CURRENCY_CODE_FORMAT.test(value) ? null : "three capital letters, such as EUR"),
  length: (min: number, max: number) => (value: string) =>
    value.length >= min && value.length <= max ? null : min > 1 ? `from ${min} to ${max} characters` : `at most ${max} characters`,
};

export type Rule = (value: string) => string | null;

/** Checks the fields that are filled in; empty optional fields are not sent. */
export function checkFields(values: Record<string, string>, fieldRules: Record<string, Rule>, required: string[] = []): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, rule] of Object.entries(fieldRules)) {
    const value = values[field] ?? "";
    if (!value) {
      if (required.includes(field)) errors[field] = "required";
      continue;
    }
    const problem = rule(value);
    if (problem) errors[field] = problem;
  }
  return errors;
}
