/** A currency as the API describes it: what an amount needs to be written as people read it. */
export interface CurrencyLook {
  code: string;
  prefixSymbol?: string | null;
  suffixSymbol?: string | null;
  minorUnitDigits?: number | null;
}

/** Adds one to a string of decimal digits ("199" → "200", "99" → "100"). */
function incremented(digits: string): string {
  const out = digits.split("");
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== "9") {
      out[i] = String(Number(out[i]) + 1);
      return out.join("");
    }
    out[i] = "0";
  }
  return `1${out.join("")}`;
}

/**
 * Decimal text (as the API sends it) rounded half away from zero to `digits` decimals and grouped
 * in thousands, by string manipulation only: never through a float.
 */
export function formatDecimal(amount: string, digits: number): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(amount.trim());
  if (!match) return amount;
  const [, sign] = match;
  let whole = (match[2] || "0").replace(/^0+(?=\d)/, "");
  let fraction = (match[3] ?? "").padEnd(digits + 1, "0");
  const roundUp = fraction[digits] >= "5";
  fraction = fraction.slice(0, digits);
  if (roundUp) {
    const bumped = incremented(whole + fraction);
    whole = bumped.slice(0, bumped.length - digits) || "0";
    fraction = digits > 0 ? bumped.slice(-digits) : "";
  }
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const isZero = /^[0,]*$/.test(grouped) && /^0*$/.test(fraction);
  return `${sign && !isZero ? "−" : ""}${grouped}${digits > 0 ? `.${fraction}` : ""}`;
}

/** An amount with its currency's symbol and minor digits: "€1,250.50", "¥12", "1,000.00 CYP" without a symbol. */
export function formatMoney(amount: string, currency: CurrencyLook): string {
  const digits = currency.minorUnitDigits ?? 2;
  const number = formatDecimal(amount, digits);
  const negative = number.startsWith("−");
  const body = negative ? number.slice(1) : number;
  const { prefixSymbol, suffixSymbol } = currency;
  const written = prefixSymbol || suffixSymbol ? `${prefixSymbol ?? ""}${body}${suffixSymbol ? ` ${suffixSymbol}` : ""}` : `${body} ${currency.code}`;
  return negative ? `−${written}` : written;
}
