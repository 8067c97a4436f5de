import { hostname } from "node:os";

/** The `msg` of the JSON start line. */
export const START_MESSAGE = "payment operations API ready";

/** What an instance says once it serves. */
export interface StartReport {
  url: string;
  metricsUrl: string;
  /** A token minted with the demo data on a first start (never in production); null otherwise. */
  demoToken: string | null;
  /** The reseller a first admin token belongs to, in the hint to mint one. */
  adminReseller: string;
  embedded: boolean;
  dataDir: string;
  production: boolean;
  console: boolean;
  explorer: boolean;
}

const EXAMPLE_QUERY = `{ payments(first: 3) { totalCount edges { node { number lifeCycleState amount vendorCode availableOperations } } } }`;

/** How to get a token when none was printed. */
function mintHint(report: StartReport): string {
  const command = `npm run token -- create --reseller ${report.adminReseller} --role admin`;
  if (report.production) return `Mint tokens with ${command} (the first one of a new database: docs/deploying.md#the-first-admin-token)`;
  if (report.embedded) return `Mint a token: stop the API (Ctrl+C; one process at a time uses ${report.dataDir}), then ${command}`;
  return `Mint a token with: ${command}`;
}

/** The banner for a person at a terminal: where it listens, a token or how to mint one, a query to try. */
export function startBanner(report: StartReport): string {
  const token = report.demoToken ?? "<token>";
  return (
    `\nPayment operations API ready at ${report.url}\n` +
    `Metrics at ${report.metricsUrl}\n` +
    (report.demoToken ? demoTokenLine(report) : `${mintHint(report)}\n`) +
    (report.console ? `Operator console: open ${new URL("/console", report.url).href} in a browser and paste the token\n` : "") +
    (report.explorer ? `Explorer: open ${report.url} in a browser and paste the token in its Headers tab\n` : "") +
    `Try:\n  curl -s ${report.url} -H 'content-type: application/json' -H 'authorization: Bearer ${token}' \\\n` +
    `    -d '${JSON.stringify({ query: EXAMPLE_QUERY })}'\n\n`
  );
}

/**
 * The same as one JSON line in the shape of the log lines (pino's level 30 is info), for a log
 * collector: written whatever LOG_LEVEL is, as the banner is. It never holds a token: a demo
 * token (never in production) is printed for the person on a line of its own, as in the banner.
 */
export function startLine(report: StartReport, now: Date = new Date()): string {
  return JSON.stringify({
    level: 30,
    time: now.getTime(),
    pid: process.pid,
    hostname: hostname(),
    msg: START_MESSAGE,
    url: report.url,
    metrics: report.metricsUrl,
    database: report.embedded ? "embedded" : "postgresql",
    production: report.production,
    console: report.console,
    explorer: report.explorer,
    ...(report.demoToken ? { demoTokenPrinted: true } : { mintToken: mintHint(report) }),
  });
}

function demoTokenLine(report: StartReport): string {
  return `Demo token (admin at ${report.adminReseller}; shown once, keep it): ${report.demoToken}\n`;
}

/** The banner on a terminal, the JSON start line anywhere else (a pipe, a file, a container's log). */
export function announceStart(report: StartReport, out: { isTTY?: boolean; write(text: string): unknown } = process.stdout): void {
  out.write(out.isTTY ? startBanner(report) : `${startLine(report)}\n${report.demoToken ? demoTokenLine(report) : ""}`);
}

/** The URL and demo token an instance announced in its output (banner or JSON line); null before it has. */
export function readStartLine(output: string): { url: string; demoToken: string | null } | null {
  const demoToken = /^Demo token[^:]*: (pay_\S+)$/m.exec(output)?.[1] ?? null;
  for (const line of output.split("\n")) {
    if (!line.startsWith("{") || !line.includes(START_MESSAGE)) continue;
    try {
      const parsed = JSON.parse(line) as { msg?: string; url?: string; demoTokenPrinted?: boolean };
      if (parsed.msg === START_MESSAGE && parsed.url) return parsed.demoTokenPrinted && !demoToken ? null : { url: parsed.url, demoToken };
    } catch {
      // a line that only looks like JSON: not the start line
    }
  }
  const banner = /ready at (http:\/\/\S+)/.exec(output);
  if (!banner) return null;
  return { url: banner[1], demoToken };
}
