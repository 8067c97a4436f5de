import type { VendorOutcome, VendorSuccess } from "../vendors/vendor-service";

const DATE_FIELDS = ["closedAt", "issuedOn", "postedOn"] as const;

function reviveDates<T extends Record<string, unknown>>(object: T | undefined): T | undefined {
  if (!object) return object;
  const copy: Record<string, unknown> = { ...object };
  for (const field of DATE_FIELDS) if (typeof copy[field] === "string") copy[field] = new Date(copy[field]);
  return copy as T;
}

function reviveSuccess(details: VendorSuccess | undefined): VendorSuccess | undefined {
  if (!details) return details;
  const revived = reviveDates(details as Record<string, unknown>) as VendorSuccess;
  if (details.cancellation) revived.cancellation = reviveDates(details.cancellation as Record<string, unknown>);
  return revived;
}

/** A vendor's definite answer as kept on the operation (jsonb), read back with its dates. */
export const keptVendorOutcome = {
  read(kept: unknown): VendorOutcome | null {
    if (!kept || typeof kept !== "object") return null;
    const outcome = kept as VendorOutcome;
    if (outcome.kind === "succeeded") return { ...outcome, details: reviveSuccess(outcome.details) ?? {} };
    if (outcome.kind === "refused") return { ...outcome, details: reviveSuccess(outcome.details) };
    return null;
  },
};
