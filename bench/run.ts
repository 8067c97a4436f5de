/**
 * `npm run bench`: the API beside a bare Node + `pg` server doing the same SQL work, in one run,
 * on a database of its own on DATABASE_URL's server. Prints, per kind of work, requests per
 * second and latency of both and their ratios, the API's memory, start times and the rate of two
 * instances, and `npm run import` of payments beside PostgreSQL's COPY of the same rows
 * (bench/import-rate.ts). `npm run bench -- --short` is the seconds-long version CI runs: it fails on errors,
 * never on speed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { projectRoot } from "../src/project-root";
import { readStartLine } from "../src/server/start-line";
import { FULL_DATASET, SHORT_DATASET, prepareDataset, type BenchDataset } from "./dataset";
import { describeImportRate, measureImport } from "./import-rate";
import { drive, inTurns, type LoadResult } from "./load";
import { firstJsonLine, freePort, memoryOf, startService, type Service } from "./processes";
import { startLine, table, type Row } from "./report";
import { measureStartTimes } from "./start-times";
import { describeSubscriptionScale, measureSubscriptionScale } from "./subscription-scale";

const short = process.argv.includes("--short");
const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/payments";
const paymentsOption = process.argv.find((arg) => arg.startsWith("--payments="));
const baseSettings = short
  ? { dataset: SHORT_DATASET, rounds: 1, seconds: 2, cancels: 60, warmupCancels: 50, warmupSeconds: 1, importRows: 2_000 }
  : { dataset: FULL_DATASET, rounds: 4, seconds: 3, cancels: 1200, warmupCancels: 300, warmupSeconds: 3, importRows: 100_000 };
/** `--payments=1000000`: the same run on a larger table. */
const settings = paymentsOption
  ? { ...baseSettings, dataset: { ...baseSettings.dataset, payments: Number(paymentsOption.split("=")[1]) } }
  : baseSettings;
/** How long both servers trust a checked token (the API's TOKEN_CACHE_MS, the same for the bare server). */
const tokenCacheMs = process.env.TOKEN_CACHE_MS ?? "5000";
const root = projectRoot();

const LOOKUP = `query Lookup($number: String!) {
  payment(identifier: { number: $number }) { id number lifeCycleState amount currency { code } currencyRatePeriod { rate inverseRate } }
}`;
const PAGE = `query Page {
  payments(first: 100) {
    edges { cursor node { number amount lifeCycleState currency { code } currencyRatePeriod { rate } cancellation { number } events { type fromState toState } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
/** A list an operator filters: POSTED CRM.COM payments, within a reseller subtree (the token's reach). */
const FILTERED_PAGE = `query Filtered {
  payments(first: 100, filter: { states: [POSTED], vendor: CRMCOM }) {
    totalCount totalCountIsCapped
    edges { cursor node { number amount lifeCycleState currency { code } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CANCEL = `mutation Cancel($number: String!, $key: String!) {
  cancelPayment(input: { payment: { number: $number }, type: { name: "Payment Cancellation" }, idempotencyKey: $key }) {
    __typename
    ... on CancelPaymentSuccess { payment { number lifeCycleState } cancellation { number } }
    ... on Error { code message }
  }
}`;

interface Servers {
  api: { url: string; service: Service };
  bare: { url: string; service: Service };
}

function cycle<T>(items: readonly T[]): () => T {
  let next = 0;
  return () => items[next++ % items.length];
}

function takeEach<T>(items: readonly T[]): () => T {
  let next = 0;
  return () => {
    if (next >= items.length) throw new Error("the benchmark ran out of cancel targets");
    return items[next++];
  };
}

/**
 * What `npm run start:prod` (and `npm start`) run the API with (package.json): its environment
 * settings (the allocator's) and node's options, given to both servers so that the API is measured as it runs.
 */
function startOptions(): { env: Record<string, string>; args: string[] } {
  const start: string = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts["start:prod"];
  const found = /^((?:\w+=\S+\s+)*)exec node (.*?)\s*dist\/src\/main\.js$/.exec(start);
  if (!found) throw new Error("package.json's start:prod script no longer runs `[NAME=value …] exec node … dist/src/main.js`");
  const env = Object.fromEntries(found[1].split(/\s+/).filter(Boolean).map((setting) => [setting.slice(0, setting.indexOf("=")), setting.slice(setting.indexOf("=") + 1)]));
  return { env, args: found[2].split(/\s+/).filter(Boolean) };
}

async function startApi(dataset: BenchDataset, vendor: { url: string; secret: string }): Promise<{ url: string; service: Service }> {
  const port = await freePort();
  const start = startOptions();
  const service = await startService(
    process.execPath,
    [...start.args, join(root, "dist/src/main.js")],
    {
      ...process.env,
      ...start.env,
      DATABASE_URL: dataset.url,
      PORT: String(port),
      METRICS_PORT: String(await freePort()),
      // Its default level: an access line per request, as in production.
      LOG_LEVEL: "info",
      TOKEN_CACHE_MS: tokenCacheMs,
      RECOVERY_INTERVAL_MS: "60000",
      CRMCOM_BASE_URL: vendor.url,
      CRMCOM_TOKEN: vendor.secret,
    },
    (output) => readStartLine(output) !== null,
  );
  return { url: `http://127.0.0.1:${port}/graphql`, service };
}

async function startBare(dataset: BenchDataset, vendor: { url: string; secret: string }): Promise<{ url: string; service: Service }> {
  const start = startOptions();
  const service = await startService(
    process.execPath,
    [...start.args, join(root, "dist/bench/bare-server.js")],
    { ...process.env, ...start.env, TOKEN_CACHE_MS: tokenCacheMs, DATABASE_URL: dataset.url, CRMCOM_BASE_URL: vendor.url, CRMCOM_TOKEN: vendor.secret, PORT: "0" },
    (output) => firstJsonLine(output) !== null,
  );
  return { url: firstJsonLine<{ url: string }>(service.output())!.url, service };
}

async function lookups(servers: Servers, dataset: BenchDataset, seconds: number, connections: number, rounds = 1): Promise<Row> {
  const auth = { authorization: `Bearer ${dataset.token}` };
  const apiNumber = cycle(dataset.lookupNumbers);
  const bareNumber = cycle(dataset.lookupNumbers);
  return {
    work: `payment lookup by number, with currency and rate period (${connections} connections)`,
    rateTarget: 0.9,
    ...(await inTurns(
      rounds,
      () =>
        drive({
          url: servers.api.url, headers: auth, connections, duration: seconds,
          nextBody: () => ({ query: LOOKUP, variables: { number: apiNumber() } }),
          accept: (body) => body.includes('"number":"B') && !body.includes('"errors"'),
        }),
      () =>
        drive({
          url: `${servers.bare.url}/lookup`, headers: auth, connections, duration: seconds,
          nextBody: () => ({ number: bareNumber() }),
          accept: (body) => body.includes('"number":"B'),
        }),
    )),
  };
}

async function pages(servers: Servers, dataset: BenchDataset, seconds: number, rounds = 1): Promise<Row> {
  const auth = { authorization: `Bearer ${dataset.token}` };
  return {
    work: "a 100-payment page with currency, rate period, cancellation and events, no totalCount (10 connections)",
    rateTarget: 0.9,
    ...(await inTurns(
      rounds,
      () =>
        drive({
          url: servers.api.url, headers: auth, connections: 10, duration: seconds,
          nextBody: () => ({ query: PAGE }),
          accept: (body) => body.includes('"hasNextPage":true') && !body.includes('"errors"'),
        }),
      () =>
        drive({
          url: `${servers.bare.url}/page`, headers: auth, connections: 10, duration: seconds,
          nextBody: () => ({ first: 100 }),
          accept: (body) => body.includes('"hasNextPage":true'),
        }),
    )),
  };
}

async function filteredPages(servers: Servers, dataset: BenchDataset, seconds: number, rounds = 1): Promise<Row> {
  const auth = { authorization: `Bearer ${dataset.subtreeToken}` };
  return {
    work: "a 100-payment page filtered by state and vendor within a reseller subtree, with totalCount (10 connections)",
    rateTarget: 0.9,
    ...(await inTurns(
      rounds,
      () =>
        drive({
          url: servers.api.url, headers: auth, connections: 10, duration: seconds,
          nextBody: () => ({ query: FILTERED_PAGE }),
          accept: (body) => body.includes('"totalCount"') && !body.includes('"errors"') && body.includes('"POSTED"'),
        }),
      () =>
        drive({
          url: `${servers.bare.url}/page`, headers: auth, connections: 10, duration: seconds,
          nextBody: () => ({ first: 100, totalCount: true, filter: { states: ["POSTED"], vendor: "CRMCOM" } }),
          accept: (body) => body.includes('"totalCount"') && body.includes('"POSTED"'),
        }),
    )),
  };
}

async function cancels(servers: Servers, dataset: BenchDataset, targets: { api: BenchDataset["cancelTargets"]; bare: BenchDataset["cancelTargets"] }, label: string, rounds = 1): Promise<Row> {
  const auth = { authorization: `Bearer ${dataset.token}` };
  const apiTarget = takeEach(targets.api);
  const bareTarget = takeEach(targets.bare);
  const perRound = Math.floor(targets.api.length / rounds);
  return {
    work: `cancelPayment on distinct payments, 50 at a time, ${label}`,
    rateTarget: 0.8,
    ...(await inTurns(
      rounds,
      () =>
        drive({
          url: servers.api.url, headers: auth, connections: 50, amount: perRound,
          nextBody: () => {
            const target = apiTarget();
            return { query: CANCEL, variables: { number: target.number, key: `bench-${target.number}` } };
          },
          accept: (body) => body.includes('"CancelPaymentSuccess"'),
        }),
      () =>
        drive({
          url: `${servers.bare.url}/cancel`, headers: auth, connections: 50, amount: perRound,
          nextBody: () => {
            const target = bareTarget();
            return { number: target.number, idempotencyKey: `bench-${target.number}` };
          },
          accept: (body) => body.includes('"CancelPaymentSuccess"'),
        }),
    )),
  };
}

const rate = (value: number) => value.toFixed(0);

async function main(): Promise<void> {
  const started = Date.now();
  // The starts first, on a machine that runs nothing else of the benchmark: after the rest, they
  // would be timed beside the benchmark's servers still up and PostgreSQL just after the
  // 100,000-row import, which is not the machine a newcomer's first start meets.
  const startTimes = short ? null : await measureStartTimes(root);
  // Named after DATABASE_URL's database, so that runs against different databases of one server never share one.
  const database = `${new URL(serverUrl).pathname.slice(1) || "payments"}_bench`.replace(/[^a-z0-9_]/gi, "_");
  process.stdout.write(`Loading the data set (${settings.dataset.payments} payments) into ${database} on ${new URL(serverUrl).host}…\n`);
  const dataset = await prepareDataset(serverUrl, database, settings.dataset);
  process.stdout.write(`${dataset.payments} payments, ${dataset.resellers} resellers; an admin token at the top reseller reaches all of them.\n`);

  const slice = (index: number) => dataset.cancelTargets.slice(index * settings.cancels, (index + 1) * settings.cancels);
  const cancelRuns = [slice(0), slice(1), slice(2), slice(3)];
  // autocannon refuses a fixed number of requests below its connections (50 for cancels).
  if (settings.warmupCancels < 50 || settings.cancels / settings.rounds < 50) throw new Error("cancel runs need at least 50 requests a round");
  const warmupFrom = 4 * settings.cancels;
  const warmupTargets = {
    api: dataset.cancelTargets.slice(warmupFrom, warmupFrom + settings.warmupCancels),
    bare: dataset.cancelTargets.slice(warmupFrom + settings.warmupCancels, warmupFrom + 2 * settings.warmupCancels),
  };
  const subscriptionTargets = dataset.cancelTargets.slice(warmupFrom + 2 * settings.warmupCancels, warmupFrom + 2 * settings.warmupCancels + (short ? 2 : 4));
  if (subscriptionTargets.length < (short ? 2 : 4)) throw new Error("the data set holds too few CRM.COM POSTED payments for the cancel runs");
  const targetsFile = join(mkdtempSync(join(tmpdir(), "payments-bench-")), "targets.json");
  writeFileSync(targetsFile, JSON.stringify([...cancelRuns.flat(), ...warmupTargets.api, ...warmupTargets.bare, ...subscriptionTargets]));
  const vendorService = await startService(process.execPath, [join(root, "dist/bench/crmcom-vendor.js"), targetsFile], process.env, (output) => firstJsonLine(output) !== null);
  const vendor = firstJsonLine<{ url: string; secret: string }>(vendorService.output())!;

  const servers: Servers = { api: await startApi(dataset, vendor), bare: await startBare(dataset, vendor) };
  const rows: Row[] = [];
  try {
    await lookups(servers, dataset, settings.warmupSeconds, 20);
    await pages(servers, dataset, settings.warmupSeconds);
    const single = await lookups(servers, dataset, settings.seconds, 20, settings.rounds);
    rows.push(single);
    rows.push(await pages(servers, dataset, settings.seconds, settings.rounds));
    await filteredPages(servers, dataset, settings.warmupSeconds);
    rows.push(await filteredPages(servers, dataset, settings.seconds, settings.rounds));
    // Warmed as the lookups and pages are above: each server's first cancels compile its cancel path.
    await cancels(servers, dataset, warmupTargets, "warm-up");
    rows.push(await cancels(servers, dataset, { api: cancelRuns[0], bare: cancelRuns[1] }, "vendor answers at once", settings.rounds));
    await fetch(`${vendor.url}/__emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ latencyMs: 100 }) });
    rows.push(await cancels(servers, dataset, { api: cancelRuns[2], bare: cancelRuns[3] }, "vendor takes 100 ms", settings.rounds));
    const memory = memoryOf(servers.api.service.child.pid!);

    process.stdout.write(`\n`);
    process.stdout.write(table(rows));
    process.stdout.write(`\nAPI memory: ${memory.rssMb} MB resident now, ${memory.peakRssMb} MB at the peak.\n`);

    // Two instances on one database, each driven by half the connections, next to one instance.
    const second = await startApi(dataset, vendor);
    const auth = { authorization: `Bearer ${dataset.token}` };
    const halves = await Promise.all(
      [servers.api.url, second.url].map((url) => {
        const number = cycle(dataset.lookupNumbers);
        return drive({
          url, headers: auth, connections: 10, duration: settings.seconds * settings.rounds,
          nextBody: () => ({ query: LOOKUP, variables: { number: number() } }),
          accept: (body) => body.includes('"number":"B') && !body.includes('"errors"'),
        });
      }),
    );
    await second.service.stop();
    const combined = halves[0].requestsPerSecond + halves[1].requestsPerSecond;
    process.stdout.write(
      `Two instances, 10 connections each: ${rate(combined)} lookups/s together, ` +
        `${(combined / single.api.requestsPerSecond).toFixed(2)}× one instance with 20 connections.\n`,
    );
    const failed = [...rows.flatMap((row) => [row.api, row.bare]), ...halves].filter((result) => result.failures > 0);

    const subscribers = short ? 40 : 1000;
    const scale = await measureSubscriptionScale({
      first: servers.api, startSecond: () => startApi(dataset, vendor), databaseUrl: dataset.url, adminToken: dataset.token, vendorUrl: vendor.url,
      subscribers, targets: subscriptionTargets.map((target) => target.number), idleMs: Number(tokenCacheMs) + 500,
    });
    process.stdout.write(`\n${describeSubscriptionScale(scale, 1000)}`);
    if (scale.failures.length > 0) failed.push({ failures: scale.failures.length, firstFailure: scale.failures[0] } as LoadResult);

    const imported = await measureImport(root, serverUrl, settings.importRows);
    process.stdout.write(`\n${describeImportRate(imported)}\n`);
    if (imported.refused > 0) failed.push({ failures: imported.refused, firstFailure: "the import refused lines of the benchmark's file" } as LoadResult);

    process.stdout.write(startLine(startTimes));
    process.stdout.write(`Benchmark finished in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
    if (failed.length > 0) {
      process.stderr.write(`Some requests failed: ${failed.map((result) => `${result.failures} (first: ${result.firstFailure})`).join("; ")}\n`);
      process.exitCode = 1;
    }
  } finally {
    await Promise.all([servers.api.service.stop(), servers.bare.service.stop(), vendorService.stop()]);
    rmSync(dirname(targetsFile), { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`The benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
