import "reflect-metadata";
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { openDatabase } from "../database/open-database";
import { quietLogsUnlessAsked } from "../observability/logger";
import { PaymentDatabase } from "../stores/stores";
import { recordVendors } from "../vendors/vendor-table";
import { RECORD_BATCH_MAX } from "../operations/intake/record-payments";
import { IMPORT_ACTOR, IMPORT_KINDS, isImportKind } from "./import/import-kinds";
import { progressOn } from "./import/progress";
import { formatSummary, runImport } from "./import/run-import";

/** Payment batches saved at once by default. */
const DEFAULT_PARALLEL = 2;

export const USAGE = `Imports a file into DATABASE_URL's PostgreSQL, or into the embedded database in DATA_DIR when
it is unset (stop the API first: one process at a time uses a data folder).

Usage:
  npm run import -- <${IMPORT_KINDS.join("|")}> FILE [--parallel N]
  npm run import -- --help

FILE holds one record a line, with the field names of the kind's mutation input (recordPayments,
saveReseller, saveCurrency, saveRatePeriod, saveLookup): newline-delimited JSON, or CSV with a
header row when its name ends in .csv. Each record goes through the mutation's own code; a record
already as given is left UNCHANGED, so the same file can be imported again. Refused lines are
written with their line numbers and reasons to FILE.refused.ndjson.

Payments are saved up to N batches of ${RECORD_BATCH_MAX} at once, each on a connection of its own
(default ${DEFAULT_PARALLEL}, at most the database pool's size: 1 on the embedded database); two
batches that claim one payment, number or reference number, or back office codes of one reseller,
are never saved at once, so the earlier line wins on every run. Other kinds are saved one at a
time, in order.`;

class UsageError extends Error {}

async function main(args: string[]): Promise<void> {
  quietLogsUnlessAsked();
  const { positionals, values } = parseArgs({ args, options: { help: { type: "boolean", short: "h" }, parallel: { type: "string" } }, allowPositionals: true, strict: true });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [kind, path, ...extra] = positionals;
  if (!kind || !path) throw new UsageError("a kind and a file are required");
  if (!isImportKind(kind)) throw new UsageError(`unknown kind "${kind}"`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  const parallel = values.parallel === undefined ? DEFAULT_PARALLEL : /^\d+$/.test(values.parallel) ? Number(values.parallel) : Number.NaN;
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 16) throw new UsageError(`--parallel takes a whole number from 1 to 16; "${values.parallel}" was given`);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new Error(`Cannot read ${path}: no such file.`);
  }
  const config = loadConfig();
  const database = await openDatabase(config, { applicationName: "payment-operations-import" });
  try {
    const db = new PaymentDatabase(database.dataSource);
    await recordVendors(db);
    const summary = await runImport(db, kind, path, IMPORT_ACTOR, progressOn(process.stdout.isTTY ? process.stderr : process.stdout, size), Math.min(parallel, config.database.poolSize));
    console.log(formatSummary(summary, path));
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  console.error(usage ? `${(error as Error).message}\n\n${USAGE}` : `npm run import: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(usage ? 2 : 1);
});
