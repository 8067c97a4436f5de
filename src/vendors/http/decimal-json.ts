/**
 * Vendors document some amounts as JSON numbers (CRM.COM's `payment_amount`, `rate`,
 * `udf_float_*`). Money stays decimal text here: written into the JSON text digit for digit, and
 * read from it digit for digit, never through a JavaScript float.
 */
import { Decimal } from "decimal.js";

const DECIMAL = /^-?\d+(\.\d+)?$/;
const MARK = "\u0001decimal:";

export class JsonDecimal {
  constructor(readonly text: string) {
    if (!DECIMAL.test(text)) throw new Error(`not a decimal: "${text}"`);
  }

  toJSON(): string {
    return `${MARK}${this.text}`;
  }
}

/** JSON.stringify, with every JsonDecimal written as a bare JSON number. */
export function stringifyWithDecimals(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001decimal:(-?\d+(?:\.\d+)?)"/g, "$1");
}

const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * JSON.parse, except that every number that is not a safe whole number becomes a JsonDecimal
 * holding the exact digits of the text (an exponent is written out). Throws as JSON.parse does.
 */
export function parseWithDecimals(text: string): unknown {
  let marked = "";
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    if (char !== "-" && (char < "0" || char > "9")) continue;
    NUMBER_TOKEN.lastIndex = i;
    const token = NUMBER_TOKEN.exec(text)?.[0];
    if (!token) continue;
    const exact = /^-?\d+$/.test(token) && Number.isSafeInteger(Number(token));
    if (!exact) {
      marked += `${text.slice(from, i)}"\\u0001decimal:${DECIMAL.test(token) ? token : new Decimal(token).toFixed()}"`;
      from = i + token.length;
    }
    i += token.length - 1;
  }
  marked += text.slice(from);
  return JSON.parse(marked, (_key, value: unknown) =>
    typeof value === "string" && value.startsWith(MARK) ? new JsonDecimal(value.slice(MARK.length)) : value,
  );
}

/** A decimal field as text: a JsonDecimal's digits, a whole number, or a decimal string; else null. */
export function decimalText(value: unknown): string | null {
  if (value instanceof JsonDecimal) return value.text;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value === "string" && DECIMAL.test(value)) return value;
  return null;
}
