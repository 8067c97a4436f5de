import { UnreadableVendorValue } from "./vendor-json";

/**
 * Vendors write timestamps their own way: ActivePlatform `2019-11-01T07:56:50.520553+0300`
 * (microseconds, offset without colon), CRM.COM `2014-07-14T17:21:06` (no zone: read as UTC), and
 * a Date may come with or without its time.
 */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The instant the vendor wrote (a day alone: its midnight UTC), or null when absent or unreadable. */
export function parseVendorTimestamp(text: string | null | undefined): Date | null {
  const match = text ? TIMESTAMP.exec(text.trim()) : null;
  if (!match) return null;
  const [, date, time = "00:00:00", fraction, zone] = match;
  const millis = (fraction ?? "").padEnd(3, "0").slice(0, 3);
  const offset = !zone || zone === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const parsed = new Date(`${date}T${time}.${millis}${offset}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/**
 * The calendar day a vendor wrote for a day (a rate period's bound) as `YYYY-MM-DD`, whether or
 * not it added a time; null when absent. A text that is no calendar day throws
 * UnreadableVendorValue naming the field: it would be kept, and compared with our dates.
 */
export function vendorDay(text: string | null, field: string): string | null {
  if (text === null) return null;
  const match = TIMESTAMP.exec(text.trim());
  const day = match?.[1];
  if (!day || day < "0001-01-01" || parseVendorTimestamp(`${day}T00:00:00Z`)?.toISOString().slice(0, 10) !== day) {
    throw new UnreadableVendorValue(`${field} "${text.slice(0, 40)}" is not a date`);
  }
  return day;
}
