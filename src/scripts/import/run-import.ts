import { createWriteStream, rmSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import type { OperationActor } from "../../operations/operation-actor";
import type { PaymentDatabase } from "../../stores/stores";
import { IMPORT_TARGETS, type ImportKind } from "./import-kinds";
import type { ImportProgress } from "./progress";
import { readLines } from "./read-lines";
import { MalformedLine, readerFor } from "./records";
import { SaveWindow } from "./save-window";

/** What an import did. */
export interface ImportSummary {
  kind: ImportKind;
  /** Records read (blank lines and the CSV header are none). */
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Refused records by reason: the error's code, or MALFORMED for a line that holds no record. */
  refused: Record<string, number>;
  /** Where the refused lines were written, or null when none was refused. */
  refusedFile: string | null;
  seconds: number;
}

/** The file of a file's refused lines, beside it. */
export function refusedFileOf(path: string): string {
  return `${path}.refused.ndjson`;
}

interface Pending {
  line: number;
  text: string;
  record: Record<string, unknown>;
  /** Why the line holds no record, when it is malformed. */
  malformed?: string;
}

/**
 * Imports a file of one kind of record through the operation its mutation runs, a batch at a
 * time, at most `parallel` batches being saved at once (each on a connection of its own). Every
 * refused line (a malformed one, or one its operation answers with an error) is written with its
 * number and reason beside the file, and the rest goes on. Records already as the file gives them are UNCHANGED: a second
 * run of the same file changes nothing.
 */
export async function runImport(db: PaymentDatabase, kind: ImportKind, path: string, actor: OperationActor, progress: ImportProgress, parallel = 1): Promise<ImportSummary> {
  const started = Date.now();
  const target = IMPORT_TARGETS[kind];
  const reader = readerFor(path);
  const refusedFile = refusedFileOf(path);
  rmSync(refusedFile, { force: true });
  const summary: ImportSummary = { kind, records: 0, created: 0, updated: 0, unchanged: 0, refused: {}, refusedFile: null, seconds: 0 };
  let out: WriteStream | null = null;

  const refuse = async (line: number, text: string, reason: string, message: string) => {
    summary.refused[reason] = (summary.refused[reason] ?? 0) + 1;
    out ??= createWriteStream(refusedFile);
    if (!out.write(`${JSON.stringify({ line, reason, message, text })}\n`)) await once(out, "drain");
  };
  const counts = () => {
    const refused = Object.values(summary.refused).reduce((sum, n) => sum + n, 0);
    return `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${refused} refused`;
  };

  let bytesRead = 0;
  /** A batch's results, and its malformed lines, in the file's order. */
  const report = async (batch: Pending[], results: readonly object[]) => {
    let next = 0;
    for (const item of batch) {
      if (item.malformed !== undefined) {
        await refuse(item.line, item.text, "MALFORMED", `line ${item.line}: ${item.malformed}`);
        continue;
      }
      const { change, code, message } = results[next++] as { change?: string; code?: string; message?: string };
      if (change === "CREATED") summary.created++;
      else if (change === "UPDATED") summary.updated++;
      else if (change === "UNCHANGED") summary.unchanged++;
      else await refuse(item.line, item.text, code ?? "REFUSED", message ?? "refused");
    }
    progress.advance(summary.records, bytesRead, counts());
  };
  // Batches are saved in the file's order, several at once where the kind says what a record
  // claims and no two claim one value (SaveWindow); their results are counted and their refused
  // lines written in the file's order. A batch is read only once fewer than `size` batches wait
  // to be reported: memory holds `size + 1` batches at most, whatever the file's length.
  const size = target.claims ? Math.max(1, Math.floor(parallel) || 1) : 1;
  const window = new SaveWindow(size);
  const unreported: Array<Promise<void>> = [];
  let reported: Promise<void> = Promise.resolve();
  let failed = false;
  let pending: Pending[] = [];
  const flush = async () => {
    if (failed) await reported;
    if (pending.length === 0) return;
    const batch = pending;
    const records = batch.flatMap((item) => (item.malformed === undefined ? [item.record] : []));
    pending = [];
    const claims = target.claims ? new Set(records.flatMap((record) => target.claims!(record))) : null;
    while (unreported.length >= size) await unreported.shift();
    await window.admit(claims);
    if (failed) await reported;
    const saved = records.length > 0 ? target.save(db, records, actor) : Promise.resolve([]);
    // A failed save stops the import: no batch is saved after it, and the run fails.
    saved.catch(() => (failed = true));
    window.hold(claims, saved);
    reported = reported.then(async () => report(batch, await saved));
    reported.catch(() => (failed = true));
    unreported.push(reported);
  };

  try {
    for await (const line of readLines(path)) {
      bytesRead = line.bytesRead;
      let record: Record<string, unknown> | null;
      try {
        record = reader.read(line.text);
      } catch (error) {
        if (!(error instanceof MalformedLine)) throw error;
        summary.records++;
        pending.push({ line: line.number, text: line.text, record: {}, malformed: error.message });
        if (pending.length >= target.batchSize) await flush();
        continue;
      }
      if (!record) continue;
      summary.records++;
      pending.push({ line: line.number, text: line.text, record: target.prepare(record) });
      if (pending.length >= target.batchSize) await flush();
    }
    await flush();
    await reported;
  } finally {
    await window.drain();
    // Reports still writing refused lines finish before the file closes (their failure is the run's).
    await reported.catch(() => {});
    progress.done();
    if (out) {
      const closing = out as WriteStream;
      closing.end();
      await once(closing, "close");
      summary.refusedFile = refusedFile;
    }
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/** The summary as lines of text: the counts, the refusals by reason, and where the refused lines are. */
export function formatSummary(summary: ImportSummary, path: string): string {
  const refused = Object.entries(summary.refused).sort(([a], [b]) => a.localeCompare(b));
  const total = refused.reduce((sum, [, n]) => sum + n, 0);
  const rate = summary.records / Math.max(summary.seconds, 0.001);
  const lines = [
    `Imported ${summary.kind} from ${path}: ${summary.records} records in ${summary.seconds.toFixed(1)} s (${rate.toFixed(0)} a second).`,
    `  created    ${summary.created}`,
    `  updated    ${summary.updated}`,
    `  unchanged  ${summary.unchanged}`,
    `  refused    ${total}`,
    ...refused.map(([reason, n]) => `    ${reason.padEnd(24)} ${n}`),
  ];
  if (summary.refusedFile) lines.push(`Refused lines, with their line numbers and reasons: ${summary.refusedFile}`);
  return lines.join("\n");
}
