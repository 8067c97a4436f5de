/**
 * The import beside PostgreSQL's own COPY: `npm run import -- payments FILE` of `rows` payments
 * (newline-delimited JSON) on a database of its own, and COPY of the same rows (as CSV) into a
 * scratch table holding the same unique keys as `payment`, in one run; with the import's memory,
 * sampled as it reads the file.
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
  copySeconds: number;
  /** The import's rate over COPY's. */
  ratio: number;
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

/** The same rows as newline-delimited JSON (for the import) and CSV (for COPY), written as streams. */
async function writeFiles(dir: string, rows: number): Promise<{ ndjson: string; csv: string }> {
  const ndjson = join(dir, "payments.ndjson");
  const csv = join(dir, "payments.csv");
  const json = createWriteStream(ndjson);
  const text = createWriteStream(csv);
  text.write(`${FIELDS.join(",")}\n`);
  for (let i = 1; i <= rows; i++) {
    const row = paymentRow(i);
    const a = json.write(`${JSON.stringify(row)}\n`);
    const b = text.write(`${FIELDS.map((field) => row[field]).join(",")}\n`);
    if (!a) await once(json, "drain");
    if (!b) await once(text, "drain");
  }
  json.end();
  text.end();
  await Promise.all([once(json, "close"), once(text, "close")]);
  // PostgreSQL's server process reads the CSV itself (COPY FROM a file).
  chmodSync(dir, 0o755);
  chmodSync(csv, 0o644);
  return { ndjson, csv };
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

/** COPY of the CSV into a scratch table with the payment table's unique keys: seconds. */
async function copySeconds(url: string, csv: string): Promise<number> {
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
    const files = await writeFiles(dir, rows);
    const url = await prepareDatabase(serverUrl, database);
    const copy = await copySeconds(url, files.csv);
    const run = await runImportProcess(root, url, files.ndjson);
    return {
      rows,
      importSeconds: run.seconds,
      copySeconds: copy,
      ratio: copy / run.seconds,
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
    `PostgreSQL COPY of the same rows into a scratch table with the same unique keys: ${perSecond(rate.copySeconds)} rows/s (${rate.copySeconds.toFixed(2)} s).`,
    `Import rate / COPY rate: ${rate.ratio.toFixed(2)} (target at least 0.25).`,
    `Import memory: ${quarter(1)} MB resident after a quarter of the run, ${quarter(2)} MB at half, ${quarter(3)} MB at three quarters; ${rate.peakRssMb} MB at the peak.`,
  ].join("\n");
}
