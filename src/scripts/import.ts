import "reflect-metadata";
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { openDatabase } from "../database/open-database";
import { quietLogsUnlessAsked } from "../observability/logger";
import { PaymentDatabase } from "../stores/stores";
import { recordVendors } from "../vendors/vendor-table";
import { IMPORT_ACTOR, IMPORT_KINDS, isImportKind } from "./import/import-kinds";
import { progressOn } from "./import/progress";
import { formatSummary, runImport } from "./import/run-import";

export const USAGE = `Imports a file into DATABASE_URL's PostgreSQL, or into the embedded database in DATA_DIR when
it is unset (stop the API first: one process at a time uses a data folder).

Usage:
  npm run import -- <${IMPORT_KINDS.join("|")}> FILE
  npm run import -- --help

FILE holds one record a line, with the field names of the kind's mutation input (recordPayments,
saveReseller, saveCurrency, saveRatePeriod, saveLookup): newline-delimited JSON, or CSV with a
header row when its name ends in .csv. Each record goes through the mutation's own code; a record
already as given is left UNCHANGED, so the same file can be imported again. Refused lines are
written with their line numbers and reasons to FILE.refused.ndjson.`;

class UsageError extends Error {}

async function main(args: string[]): Promise<void> {
  quietLogsUnlessAsked();
  const { positionals, values } = parseArgs({ args, options: { help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [kind, path, ...extra] = positionals;
  if (!kind || !path) throw new UsageError("a kind and a file are required");
  if (!isImportKind(kind)) throw new UsageError(`unknown kind "${kind}"`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new Error(`Cannot read ${path}: no such file.`);
  }
  const database = await openDatabase(loadConfig(), { applicationName: "payment-operations-import" });
  try {
    const db = new PaymentDatabase(database.dataSource);
    await recordVendors(db);
    const summary = await runImport(db, kind, path, IMPORT_ACTOR, progressOn(process.stdout.isTTY ? process.stderr : process.stdout, size));
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
