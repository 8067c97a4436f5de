import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { readStartLine } from "../src/server/start-line";
import { freePort, memoryOf } from "./processes";

/** The process below `root` (npm, then sh) that runs the API itself: node … scripts/start.js. */
function apiProcessBelow(root: number): number | null {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parents.set(Number(entry), Number(readFileSync(`/proc/${entry}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const below = (pid: number): boolean => pid === root || (parents.has(pid) && pid !== 1 && below(parents.get(pid)!));
  for (const pid of parents.keys()) {
    if (pid === root || !below(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("scripts/start.js")) return pid;
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** Milliseconds from `npm start` to its first answered query, then stops it (its whole process group). */
async function timeToFirstAnswer(root: string, dataDir: string, token: string | null): Promise<{ ms: number; token: string; rssMb: number }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), METRICS_PORT: String(await freePort()), LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  const started = Date.now();
  const child = spawn("npm", ["start"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${output.slice(-2000)}`);
      if (Date.now() - started > 120_000) throw new Error(`npm start did not answer within 120 s:\n${output.slice(-2000)}`);
      const useToken = token ?? readStartLine(output)?.demoToken ?? null;
      if (useToken) {
        const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${useToken}` },
          body: JSON.stringify({ query: "{ payments(first: 1) { totalCount } }" }),
        }).then((response) => response.text(), () => "");
        if (answer.includes('"totalCount"')) {
          const ms = Date.now() - started;
          const api = apiProcessBelow(child.pid!);
          return { ms, token: useToken, rssMb: api ? memoryOf(api).rssMb : Number.NaN };
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/** What a checkout holds that `npm start` builds from; the generated console types (`gql/`) are not in one. */
const CHECKOUT = ["package.json", "package-lock.json", ".swcrc", "tsconfig.json", "tsconfig.build.json", "ormconfig.ts", "schema.graphql", "src", "console", "scripts", "bench", "tools", "patches"];

/**
 * The first `npm start` after `npm ci`: in a copy of the checkout with no dist/ (the server, the
 * console and the start bundle all to be built), its packages those of this one, on a new data folder.
 */
async function firstStartAfterInstall(root: string): Promise<number> {
  const checkout = mkdtempSync(join(tmpdir(), "payments-bench-checkout-"));
  const dataDir = mkdtempSync(join(tmpdir(), "payments-bench-start-"));
  try {
    for (const entry of CHECKOUT) {
      if (existsSync(join(root, entry))) cpSync(join(root, entry), join(checkout, entry), { recursive: true, filter: (source) => basename(source) !== "gql" });
    }
    symlinkSync(join(root, "node_modules"), join(checkout, "node_modules"), "dir");
    return (await timeToFirstAnswer(checkout, dataDir, null)).ms;
  } finally {
    for (const folder of [checkout, dataDir]) rmSync(folder, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** `npm start` on the embedded database: after `npm ci`; on a new data folder, then three times again on the same one. */
export interface StartTimes {
  /** The first start after `npm ci` (everything to build, a new data folder). */
  afterInstallMs: number;
  coldMs: number;
  /** The warm starts, one after another, fastest first. */
  warmMs: number[];
  /** The API's resident memory after each warm start, the highest first. */
  rssMb: number[];
  /** The machine's load average over the minute before the starts were timed: how quiet it was. */
  loadBefore: number;
}

/** Warm starts measured, one after another: one start says little on a machine that is busy now and then. */
const WARM_STARTS = 3;

export async function measureStartTimes(root: string): Promise<StartTimes> {
  const loadBefore = loadavg()[0];
  const afterInstallMs = await firstStartAfterInstall(root);
  const dataDir = mkdtempSync(join(tmpdir(), "payments-bench-start-"));
  try {
    const cold = await timeToFirstAnswer(root, dataDir, null);
    const warm: { ms: number; rssMb: number }[] = [];
    for (let start = 0; start < WARM_STARTS; start++) warm.push(await timeToFirstAnswer(root, dataDir, cold.token));
    return { loadBefore, afterInstallMs, coldMs: cold.ms, warmMs: warm.map((one) => one.ms).sort((a, b) => a - b), rssMb: warm.map((one) => one.rssMb).sort((a, b) => b - a) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
