/**
 * The import beside PostgreSQL's own COPY, in one run: `npm run import -- payments FILE` of `rows`
 * payments (newline-delimited JSON) on a database of its own, and COPY of the same rows (as CSV)
 * into two scratch tables: one shaped as `payment` is (its columns, defaults, checks, indexes,
 * foreign keys and triggers, read from the catalogue: the work any load of these rows into the
 * payments table must do, the yardstick of the target), and one holding only `payment`'s unique
 * keys (PostgreSQL's bare load speed, for reference). With the import's memory, sampled as it
 * reads the file.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, createWriteStream } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { createDataSource } from "../src/database/data-source";
import { seedDemoData } from "../src/stores/seed/seed-demo-data";
import { DEMO_PAYMENTS } from "../src/vendors/demo-payments";
import { recordVendors } from "../src/vendors/vendor-table";
import { recreateDatabase } from "./dataset";
import { memoryOf } from "./processes";

export interface ImportRate {
  rows: number;
  importSeconds: number;
  /** COPY into a scratch table shaped as `payment` (indexes, constraints, foreign keys, triggers). */
  copySeconds: number;
  /** The import's rate over that COPY's: the target's ratio. */
  ratio: number;
  /** COPY into a scratch table with only `payment`'s unique keys. */
  bareCopySeconds: number;
  bareRatio: number;
  refused: number;
  /** Resident memory of the import process, sampled every 100 ms (MB). */
  rssSamplesMb: number[];
  peakRssMb: number;
}

const FIELDS = ["vendor", "vendorPaymentId", "number", "referenceNumber", "lifeCycleState", "issuedOn", "amount", "currencyCode", "paymentModel", "resellerCode"] as const;
const RESELLERS = ["acme", "acme-europe", "acme-cyprus", "globex"];
const STATES = ["POSTED", "AUTHORIZED", "PENDING", "WAITING_FOR_PAYMENT", "DRAFT"];

function paymentRow(i: number): Record<(typeof FIELDS)[number], string> {
  return {
    vendor: "CRMCOM",
    vendorPaymentId: `bench-import-${i}`,
    number: `BI${String(i).padStart(8, "0")}`,
    referenceNumber: `BI-REF-${i}`,
    lifeCycleState: STATES[i % STATES.length],
    issuedOn: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    amount: `${(i % 9000) + 1}.${String(i % 100).padStart(2, "0")}`,
    currencyCode: i % 3 === 0 ? "USD" : "EUR",
    paymentModel: i % 4 === 0 ? "POSTPAID" : "PREPAID",
    resellerCode: RESELLERS[i % RESELLERS.length],
  };
}

/** The columns of the payment-shaped COPY: the rows as the payments table holds them, codes resolved to ids. */
const TABLE_COLUMNS = [
  "vendor_code", "vendor_payment_id", "number", "reference_number", "life_cycle_state", "issued_on", "amount", "currency_id",
  "currency_rate_period_id", "payment_model", "reseller_id",
] as const;

/** The ids the import resolves codes to: resellers and currencies by code, the rate period in force on a day. */
interface References {
  resellers: Map<string, string>;
  currencies: Map<string, string>;
  periods: Array<{ id: string; currencyId: string; from: string; to: string | null }>;
}

async function readReferences(url: string): Promise<References> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const resellers = await client.query<{ id: string; code: string }>(`SELECT id, code FROM reseller`);
    const currencies = await client.query<{ id: string; code: string }>(`SELECT id, code FROM currency`);
    const periods = await client.query<{ id: string; currencyId: string; from: string; to: string | null }>(
      `SELECT id, currency_id AS "currencyId", from_date::text AS "from", to_date::text AS "to" FROM currency_rate_period`,
    );
    return {
      resellers: new Map(resellers.rows.map((row) => [row.code, row.id])),
      currencies: new Map(currencies.rows.map((row) => [row.code, row.id])),
      periods: periods.rows,
    };
  } finally {
    await client.end();
  }
}

function tableRow(row: ReturnType<typeof paymentRow>, references: References): string {
  const currencyId = references.currencies.get(row.currencyCode)!;
  const day = row.issuedOn.slice(0, 10);
  const period = references.periods.find((p) => p.currencyId === currencyId && p.from <= day && (p.to === null || day <= p.to));
  const values = [
    row.vendor.toLowerCase(), row.vendorPaymentId, row.number, row.referenceNumber, row.lifeCycleState, row.issuedOn, row.amount, currencyId,
    period?.id ?? "", row.paymentModel, references.resellers.get(row.resellerCode)!,
  ];
  return values.join(",");
}

/** The same rows as newline-delimited JSON (for the import) and as CSV (for COPY: as given, and as the table holds them), written as streams. */
async function writeFiles(dir: string, rows: number, references: References): Promise<{ ndjson: string; csv: string; tableCsv: string }> {
  const ndjson = join(dir, "payments.ndjson");
  const csv = join(dir, "payments.csv");
  const tableCsv = join(dir, "payment-rows.csv");
  const streams = [createWriteStream(ndjson), createWriteStream(csv), createWriteStream(tableCsv)];
  const [json, text, table] = streams;
  text.write(`${FIELDS.join(",")}\n`);
  table.write(`${TABLE_COLUMNS.join(",")}\n`);
  for (let i = 1; i <= rows; i++) {
    const row = paymentRow(i);
    const written = [
      json.write(`${JSON.stringify(row)}\n`),
      text.write(`${FIELDS.map((field) => row[field]).join(",")}\n`),
      table.write(`${tableRow(row, references)}\n`),
    ];
    for (const [k, ok] of written.entries()) if (!ok) await once(streams[k], "drain");
  }
  for (const stream of streams) stream.end();
  await Promise.all(streams.map((stream) => once(stream, "close")));
  // PostgreSQL's server process reads the CSV itself (COPY FROM a file).
  chmodSync(dir, 0o755);
  chmodSync(csv, 0o644);
  chmodSync(tableCsv, 0o644);
  return { ndjson, csv, tableCsv };
}

async function prepareDatabase(serverUrl: string, database: string): Promise<string> {
  const url = await recreateDatabase(serverUrl, database);
  const dataSource = createDataSource(url, { poolSize: 2, applicationName: "payments-bench-import" });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    await recordVendors(dataSource);
    await seedDemoData(dataSource, DEMO_PAYMENTS);
  } finally {
    await dataSource.destroy();
  }
  return url;
}

/** COPY of the CSV into a scratch table with the payment table's unique keys only: seconds. */
async function bareCopySeconds(url: string, csv: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS import_copy_scratch`);
    await client.query(`CREATE TABLE import_copy_scratch (
      vendor text NOT NULL, vendor_payment_id text NOT NULL, number text NOT NULL UNIQUE, reference_number text NOT NULL UNIQUE,
      life_cycle_state text NOT NULL, issued_on timestamptz NOT NULL, amount numeric(19, 4) NOT NULL CHECK (amount > 0), currency_code char(3) NOT NULL,
      payment_model text NOT NULL, reseller_code text NOT NULL, UNIQUE (vendor, vendor_payment_id))`);
    const started = process.hrtime.bigint();
    await client.query(`COPY import_copy_scratch FROM '${csv.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await client.query(`DROP TABLE import_copy_scratch`);
    return seconds;
  } finally {
    await client.end();
  }
}

/**
 * COPY of the rows as the table holds them into a scratch table shaped as `payment`: LIKE payment
 * INCLUDING ALL (columns, defaults, checks, indexes, statistics), plus payment's foreign keys and
 * triggers as the catalogue defines them today. Seconds.
 */
async function shapedCopySeconds(url: string, tableCsv: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS payment_copy_scratch`);
    await client.query(`CREATE TABLE payment_copy_scratch (LIKE payment INCLUDING ALL)`);
    const keys = await client.query<{ definition: string }>(
      `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = 'payment'::regclass AND contype = 'f'`,
    );
    for (const key of keys.rows) await client.query(`ALTER TABLE payment_copy_scratch ADD ${key.definition}`);
    const triggers = await client.query<{ definition: string }>(
      `SELECT pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgrelid = 'payment'::regclass AND NOT tgisinternal`,
    );
    for (const trigger of triggers.rows) {
      const scratch = trigger.definition.replace(/^CREATE TRIGGER (\S+)/, "CREATE TRIGGER $1_scratch").replace(/ ON (public\.)?payment /, " ON payment_copy_scratch ");
      if (!scratch.includes(" ON payment_copy_scratch ")) throw new Error(`cannot move the trigger to the scratch table: ${trigger.definition}`);
      await client.query(scratch);
    }
    const started = process.hrtime.bigint();
    await client.query(`COPY payment_copy_scratch (${TABLE_COLUMNS.join(", ")}) FROM '${tableCsv.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true, NULL '')`);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await client.query(`DROP TABLE payment_copy_scratch`);
    return seconds;
  } finally {
    await client.end();
  }
}

/** `node dist/src/scripts/import.js payments FILE` as `npm run import` runs it, its memory sampled. */
async function runImportProcess(root: string, url: string, file: string): Promise<{ seconds: number; refused: number; samples: number[]; peakRssMb: number }> {
  const child = spawn(process.execPath, [join(root, "dist/src/scripts/import.js"), "payments", file], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const samples: number[] = [];
  let peakRssMb = 0;
  const sampler = setInterval(() => {
    try {
      const memory = memoryOf(child.pid!);
      samples.push(memory.rssMb);
      peakRssMb = Math.max(peakRssMb, memory.peakRssMb);
    } catch {
      // The process has just ended.
    }
  }, 100);
  const [code] = await once(child, "exit");
  clearInterval(sampler);
  if (code !== 0) throw new Error(`npm run import exited with ${code}: ${output}`);
  const seconds = Number(/records in ([\d.]+) s/.exec(output)?.[1]);
  const refused = Number(/^\s+refused\s+(\d+)$/m.exec(output)?.[1] ?? 0);
  return { seconds, refused, samples, peakRssMb };
}

export async function measureImport(root: string, serverUrl: string, rows: number, database = "payments_bench_import"): Promise<ImportRate> {
  const dir = mkdtempSync(join(tmpdir(), "payments-bench-import-"));
  try {
    const url = await prepareDatabase(serverUrl, database);
    const files = await writeFiles(dir, rows, await readReferences(url));
    const copy = await shapedCopySeconds(url, files.tableCsv);
    const bareCopy = await bareCopySeconds(url, files.csv);
    const run = await runImportProcess(root, url, files.ndjson);
    return {
      rows,
      importSeconds: run.seconds,
      copySeconds: copy,
      ratio: copy / run.seconds,
      bareCopySeconds: bareCopy,
      bareRatio: bareCopy / run.seconds,
      refused: run.refused,
      rssSamplesMb: run.samples,
      peakRssMb: run.peakRssMb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The measurement in a few lines: both rates, the ratio against the target, and the memory over the run. */
export function describeImportRate(rate: ImportRate): string {
  const perSecond = (seconds: number) => Math.round(rate.rows / seconds).toLocaleString("en");
  const quarter = (q: number) => rate.rssSamplesMb[Math.min(rate.rssSamplesMb.length - 1, Math.floor((rate.rssSamplesMb.length * q) / 4))] ?? 0;
  return [
    `npm run import -- payments, ${rate.rows.toLocaleString("en")} lines of NDJSON: ${perSecond(rate.importSeconds)} payments/s (${rate.importSeconds.toFixed(1)} s, ${rate.refused} refused).`,
    `PostgreSQL COPY of the same rows into a scratch table shaped as payment (its indexes, constraints, foreign keys and triggers): ${perSecond(rate.copySeconds)} rows/s (${rate.copySeconds.toFixed(2)} s).`,
    `Import rate / COPY rate: ${rate.ratio.toFixed(2)} (target at least 0.25: ${rate.ratio >= 0.25 ? "met" : "**missed**"}).`,
    `For reference, COPY into a scratch table with only payment's unique keys: ${perSecond(rate.bareCopySeconds)} rows/s (${rate.bareCopySeconds.toFixed(2)} s); import / that: ${rate.bareRatio.toFixed(2)}.`,
    `Import memory: ${quarter(1)} MB resident after a quarter of the run, ${quarter(2)} MB at half, ${quarter(3)} MB at three quarters; ${rate.peakRssMb} MB at the peak.`,
  ].join("\n");
}
