/**
 * What `npm run bench` prints: each kind of work beside the bare server, with the issue's targets
 * (docs/performance.md) and whether this run met them. Speed never fails a run: a missed target
 * is printed, and the exit code stays the errors' alone.
 */
import type { LoadResult } from "./load";
import type { StartTimes } from "./start-times";

export interface Row {
  work: string;
  api: LoadResult;
  bare: LoadResult;
  /** The least rate ratio (API / bare) the work should reach. */
  rateTarget: number;
}

/** The API's p99 should stay within this multiple of the bare server's. */
export const P99_TARGET = 1.3;
export const RSS_TARGET_MB = 300;
export const WARM_START_TARGET_S = 2;
export const FIRST_START_TARGET_S = 8;

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const rate = (value: number) => value.toFixed(0);
const verdict = (met: boolean) => (met ? "met" : "**missed**");

export function ratios(row: Row): { rate: number; p99: number } {
  return { rate: row.api.requestsPerSecond / row.bare.requestsPerSecond, p99: row.api.p99 / Math.max(row.bare.p99, 0.001) };
}

export function table(rows: Row[]): string {
  const lines = [
    "| work | API req/s | API p50 | API p99 | bare req/s | bare p50 | bare p99 | rate ratio (target) | p99 ratio (target) |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows.map((row) => {
      const { api, bare } = row;
      const ratio = ratios(row);
      return (
        `| ${row.work} | ${rate(api.requestsPerSecond)} | ${ms(api.p50)} | ${ms(api.p99)} | ${rate(bare.requestsPerSecond)} | ${ms(bare.p50)} | ${ms(bare.p99)} | ` +
        `${ratio.rate.toFixed(2)} (≥ ${row.rateTarget}: ${verdict(ratio.rate >= row.rateTarget)}) | ` +
        `${ratio.p99.toFixed(2)}× (≤ ${P99_TARGET}×: ${verdict(ratio.p99 <= P99_TARGET)}) |`
      );
    }),
  ];
  return `${lines.join("\n")}\n`;
}

export function startLine(start: StartTimes | null): string {
  if (!start) return "npm start on the embedded database: not measured with --short.\n";
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  // The middle one of the warm starts is the figure; the highest memory is.
  const warmMs = start.warmMs[Math.floor(start.warmMs.length / 2)];
  const rssMb = start.rssMb[0];
  return (
    `npm start on the embedded database, timed before anything else of the benchmark ran (load average ${start.loadBefore.toFixed(2)} over the minute before): the first after npm ci (nothing built, a new data folder) answered after ${seconds(start.afterInstallMs)} s (target ≤ ${FIRST_START_TARGET_S} s: ${verdict(start.afterInstallMs <= FIRST_START_TARGET_S * 1000)}); ` +
    `with dist/ built, first answer ${seconds(start.coldMs)} s after starting on a new data folder; ` +
    `warm starts ${start.warmMs.map(seconds).join(" · ")} s, the middle one ${seconds(warmMs)} s (target ≤ ${WARM_START_TARGET_S} s: ${verdict(warmMs <= WARM_START_TARGET_S * 1000)}); ` +
    `API resident memory after them ${start.rssMb.join(" · ")} MB, at most ${rssMb} MB (target ≤ ${RSS_TARGET_MB} MB: ${verdict(rssMb <= RSS_TARGET_MB)}).\n`
  );
}
