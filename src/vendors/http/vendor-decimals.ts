/**
 * Vendor decimals (amounts, rates) that our records keep must fit the numeric column they go to:
 * PostgreSQL would round extra decimals away or refuse the whole write, and a rate kept as the
 * vendor wrote it could no longer be read through the Decimal scalar. A value that does not fit
 * makes the answer unreadable (an unknown outcome naming the field): it is never stored.
 */
import { decimalText } from "./decimal-json";
import { UnreadableVendorValue } from "./vendor-json";

export interface NumericColumn {
  precision: number;
  scale: number;
}

/** payment_cancellation.vendor_amount, like every amount column: numeric(19, 4). */
export const AMOUNT_COLUMN: Readonly<NumericColumn> = { precision: 19, scale: 4 };
/** currency_rate_period.rate and inverse_rate, which a vendor's rate is compared with: numeric(24, 12). */
export const RATE_COLUMN: Readonly<NumericColumn> = { precision: 24, scale: 12 };

const PARTS = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A decimal field of a vendor answer as text the column holds exactly: null when absent or null,
 * zeros beyond the column's scale dropped (the value is the same). Throws UnreadableVendorValue,
 * naming the field, for a value that is not a decimal or does not fit the column.
 */
export function storableDecimal(value: unknown, field: string, column: Readonly<NumericColumn>): string | null {
  if (value === undefined || value === null) return null;
  const text = decimalText(value);
  const parts = text === null ? null : PARTS.exec(text);
  if (!parts) throw new UnreadableVendorValue(`${field} is not a decimal number`);
  const [, sign, whole, fraction = ""] = parts;
  const digits = whole.replace(/^0+(?=\d)/, "");
  const decimals = fraction.length > column.scale && /^0*$/.test(fraction.slice(column.scale)) ? fraction.slice(0, column.scale) : fraction;
  const shown = text!.length > 40 ? `${text!.slice(0, 40)}…` : text;
  if (decimals.length > column.scale) throw new UnreadableVendorValue(`${field} ${shown} has more than the ${column.scale} decimals we keep`);
  if (digits.length > column.precision - column.scale) {
    throw new UnreadableVendorValue(`${field} ${shown} has more than the ${column.precision - column.scale} digits before the point we keep`);
  }
  return decimals ? `${sign}${digits}.${decimals}` : `${sign}${digits}`;
}
