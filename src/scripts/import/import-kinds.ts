import { Permission } from "../../access/roles";
import { recordPaymentOutcomes, RECORD_BATCH_MAX } from "../../operations/intake/record-payments";
import type { OperationActor } from "../../operations/operation-actor";
import { saveCurrency, saveLookup, saveRatePeriod } from "../../operations/reference/save-reference-data";
import { saveReseller } from "../../operations/reference/save-reseller";
import type { PaymentDatabase } from "../../stores/stores";
import { INSTALLED_VENDORS } from "../../vendors/installed-vendors";

/** What a file can hold: one kind of record each, with the field names of its mutation's input. */
export const IMPORT_KINDS = ["payments", "resellers", "currencies", "rate-periods", "lookups"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

/** How the records of a kind are saved: through the same operation as its mutation, a batch at a time. */
export interface ImportTarget {
  batchSize: number;
  /** A record as its mutation's input takes it: what a file cannot say in its own types, converted. */
  prepare(record: Record<string, unknown>): Record<string, unknown>;
  save: (db: PaymentDatabase, records: readonly Record<string, unknown>[], actor: OperationActor) => Promise<object[]>;
  /**
   * The values a record claims that no other record may hold (its key, its unique numbers): two
   * batches that share none are saved at once, each on its own connection; one that shares a
   * value with a batch being saved waits for it, so the earlier line still wins. Without it, one
   * batch at a time (a reseller's parent is an earlier line).
   */
  claims?(record: Record<string, unknown>): string[];
}

/** A claimed value as text (equal texts are equal values for the payment table's unique keys, compared exactly). */
function claimed(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

const installed = new Map(INSTALLED_VENDORS.map((module) => [module.code, module]));

/** Each record of a batch in turn, through an operation that takes one. */
function oneByOne(save: (db: PaymentDatabase, command: never, actor: OperationActor) => Promise<object>, numbers: string[] = []): ImportTarget {
  return {
    batchSize: 100,
    prepare(record) {
      // CSV gives every value as text: a whole number where the input takes an Int.
      for (const field of numbers) {
        const value = record[field];
        if (typeof value === "string" && /^-?\d+$/.test(value)) record[field] = Number(value);
      }
      return record;
    },
    async save(db, records, actor) {
      const results: object[] = [];
      for (const record of records) results.push(await save(db, record as never, actor));
      return results;
    },
  };
}

export const IMPORT_TARGETS: Record<ImportKind, ImportTarget> = {
  payments: {
    batchSize: RECORD_BATCH_MAX,
    // The vendor as GraphQL's VendorCode names it (CONVERGEGATE) or as its code (convergegate).
    prepare: (record) => (typeof record.vendor === "string" ? { ...record, vendor: record.vendor.toLowerCase() } : record),
    save: async (db, records, actor) =>
      (await recordPaymentOutcomes(db, installed, records as never, actor)).map((outcome) => ("error" in outcome ? outcome.error : { change: outcome.change })),
    // A record with a back office code claims its reseller's codes, not only its own: a report
    // may change a recorded payment's code and so free the old one for a later line.
    claims: (record) =>
      [
        ["vendor", record.vendor, record.vendorPaymentId],
        ["number", record.number],
        ["reference", record.referenceNumber],
        record.backOfficeCode == null ? null : ["backOffice", record.resellerCode],
      ].flatMap((claim) => (claim && claim.slice(1).every((value) => value != null) ? [claim.map(claimed).join("|")] : [])),
  },
  resellers: oneByOne(saveReseller),
  currencies: oneByOne(saveCurrency, ["minorUnitDigits"]),
  "rate-periods": oneByOne(saveRatePeriod),
  lookups: oneByOne(saveLookup),
};

/** The import acts as a system at the top of the tree: every permission, every reseller. */
export const IMPORT_ACTOR: OperationActor = {
  name: "npm run import",
  resellerId: null,
  idempotencyScope: "import",
  reach: { resellerIds: "all" },
  permissions: new Set(Object.values(Permission)),
};
