/** Small readers for vendor JSON answers: nothing is trusted to have the documented shape. */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string field, or null when absent, null or not a string. Numbers (ids) are kept as their text. */
export function textField(object: JsonObject | undefined, name: string): string | null {
  const value = object?.[name];
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  return null;
}

export function objectField(object: JsonObject | undefined, name: string): JsonObject | undefined {
  const value = object?.[name];
  return isJsonObject(value) ? value : undefined;
}

/** A value of a vendor answer that we cannot read or keep: the answer is unreadable; the message names the field. */
export class UnreadableVendorValue extends Error {}
