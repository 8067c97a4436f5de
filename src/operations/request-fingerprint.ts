import { createHash } from "node:crypto";

/** JSON with sorted keys: equal requests give equal fingerprints whatever the field order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The fingerprint of an operation request kept with its idempotency key: SHA-256 of the command's
 * own fields (the key itself left out) in canonical JSON. A field that is absent, null or at its
 * declared default counts as absent, so a field added later with a default leaves the fingerprint
 * of every stored key unchanged: a client retrying after a deploy gets its first answer.
 */
export function requestFingerprint(operation: string, command: object, defaults: Readonly<Record<string, unknown>> = {}): string {
  const fields = Object.fromEntries(
    Object.entries(command).filter(
      ([name, value]) => name !== "idempotencyKey" && !(name in defaults && canonicalJson(value) === canonicalJson(defaults[name])),
    ),
  );
  return createHash("sha256").update(canonicalJson({ operation, input: fields })).digest("hex");
}
