import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readStartLine } from "../src/server/start-line";
import { freePort } from "./processes";

/** Milliseconds from `npm start` to its first answered query, then stops it (its whole process group). */
async function timeToFirstAnswer(root: string, dataDir: string, token: string | null): Promise<{ ms: number; token: string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), METRICS_PORT: String(await freePort()), LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  const started = Date.now();
  const child = spawn("npm", ["start"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
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
        if (answer.includes('"totalCount"')) return { ms: Date.now() - started, token: useToken };
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

/** `npm start` on the embedded database: on a new data folder, then again on the same one. */
export async function measureStartTimes(root: string): Promise<{ coldMs: number; warmMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), "payments-bench-start-"));
  try {
    const cold = await timeToFirstAnswer(root, dataDir, null);
    const warm = await timeToFirstAnswer(root, dataDir, cold.token);
    return { coldMs: cold.ms, warmMs: warm.ms };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
