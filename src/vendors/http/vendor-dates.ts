/**
 * Vendors write timestamps their own way: ActivePlatform `2019-11-01T07:56:50.520553+0300`
 * (microseconds, offset without colon), CRM.COM `2014-07-14T17:21:06` (no zone: read as UTC).
 */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/** The instant the vendor wrote, or null when absent or unreadable. */
export function parseVendorTimestamp(text: string | null | undefined): Date | null {
  if (!text) return null;
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return null;
  const [, date, time, fraction, zone] = match;
  const millis = (fraction ?? "").padEnd(3, "0").slice(0, 3);
  const offset = !zone || zone === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const parsed = new Date(`${date}T${time}.${millis}${offset}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
