/**
 * Vendors document some amounts as JSON numbers. The emulators keep money as decimal strings
 * and write it into the JSON text digit for digit, never through a JavaScript float.
 */
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
