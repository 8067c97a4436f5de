import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/project-root";
import { readStartLine } from "../../src/server/start-line";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import { EMBEDDED } from "./test-database";

export { readStartLine };

/** The API as its own process: the built code, `npm start`'s entry point. */
export interface ApiProcess {
  process: ChildProcess;
  url: string;
  /** Everything it wrote, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** The built server the tests start as a process: built once by the suite's global setup. */
export function buildServer(): void {
  if (!existsSync(join(projectRoot(), "dist", "src", "main.js"))) throw new Error("dist/ is not built: the suite's global setup builds it (npm run build)");
}

/** Each emulator's base URL and credential, as the settings that point the API's adapters at it. */
export function emulatorSettings(emulators: readonly VendorEmulator[]): NodeJS.ProcessEnv {
  const credential: Record<string, string> = { convergegate: "API_KEY", planocore: "TOKEN", activeplatform: "API_TOKEN", crmcom: "TOKEN" };
  const env: NodeJS.ProcessEnv = {};
  for (const emulator of emulators) {
    const prefix = emulator.vendor.toUpperCase();
    env[`${prefix}_BASE_URL`] = emulator.baseUrl;
    env[`${prefix}_${credential[emulator.vendor]}`] = emulator.secret;
  }
  return env;
}

/**
 * Starts `dist/src/main.js` (or another entry point of the project's, `scripts/start.js` as `npm
 * start` runs it) on the given database with the given settings and waits until it
 * listens. On the embedded database (one session serves every connection there) it takes one
 * connection, prepares no statement by name and listens for no change, as it does on its own
 * embedded database.
 */
export async function startApiProcess(databaseUrl: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000, entry = "dist/src/main.js"): Promise<ApiProcess> {
  const child = spawn(process.execPath, [join(projectRoot(), entry)], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      PORT: "0",
      METRICS_PORT: "0",
      DATABASE_URL: databaseUrl,
      ...(EMBEDDED ? { DATABASE_POOL_SIZE: "1", DATABASE_PREPARED_STATEMENTS: "false", TOKEN_CACHE_MS: "0" } : {}),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the API did not start within ${timeoutMs} ms: ${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const started = readStartLine(output);
      if (started) {
        clearTimeout(timer);
        resolve(started.url);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with ${code}: ${output}`));
    });
  });
  return { process: child, url, output: () => output, exited };
}

/** Asks until `done` holds or the time is up; the last value either way. */
export async function until<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
