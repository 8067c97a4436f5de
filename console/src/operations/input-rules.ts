/**
 * The rules the API applies to what an operator types (class-validator rules of the API's inputs
 * and its Decimal and Date scalars), checked in the page before anything is sent.
 */
export type FieldErrors = Record<string, string>;

/** The API's Decimal: no exponent, at most 18 integer digits and 12 decimals. */
const DECIMAL = /^-?(0|[1-9]\d{0,17})(\.\d{1,12})?$/;
/** A user defined decimal field also takes at most 10 decimals. */
const UDF_DECIMAL = /^-?(0|[1-9]\d{0,17})(\.\d{1,10})?$/;
const CURRENCY = /^[A-Z]{3}$/;

function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.toISOString().slice(0, 10) === text && Number(match[1]) >= 1;
}

export const rules = {
  decimal: (value: string) => (DECIMAL.test(value) ? null : "a decimal number such as 12.50 (no exponent, at most 12 decimals)"),
  udfDecimal: (value: string) => (UDF_DECIMAL.test(value) ? null : "a decimal number with at most 10 decimals, such as 12.50"),
  date: (value: string) => (isCalendarDay(value) ? null : "a calendar day, YYYY-MM-DD"),
  currencyCode: (value: string) => (CURRENCY.test(value) ? null : "three capital letters, such as EUR"),
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
