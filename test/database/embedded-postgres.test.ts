import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { Client } from "pg";
import { LOCK_FILE } from "../../src/database/data-folder-lock";
import { startEmbeddedPostgres } from "../../src/database/embedded-postgres";
import { embeddedPostgresThread, startEmbeddedPostgresThreadAhead } from "../../src/database/embedded-postgres-thread";
import { projectRoot } from "../../src/project-root";
import { buildServer } from "../support/api-process";
import { tempFolders } from "../support/temp-folders";

jest.setTimeout(120_000);

const newFolder = tempFolders("payments-embedded-");

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("the embedded PostgreSQL's thread", () => {
  it("runs statements beside this event loop: timers keep firing during a statement that computes for a while", async () => {
    const db = await startEmbeddedPostgres();
    try {
      let longestGapMs = 0;
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        longestGapMs = Math.max(longestGapMs, now - last);
        last = now;
      }, 5);
      const started = performance.now();
      // CPU work inside PostgreSQL (no sleep: PGlite would run it on whichever thread holds it).
      const [{ total }] = await query<{ total: string }>(db.url, "SELECT sum(length(md5(md5(i::text))))::text AS total FROM generate_series(1, 400000) AS i");
      const statementMs = performance.now() - started;
      clearInterval(ticker);
      expect(total).toBe(String(32 * 400000));
      // PGlite on this thread would block it for the whole statement.
      expect({ statementMs: statementMs > 200, gapUnderHalf: longestGapMs < statementMs / 2 }).toEqual({ statementMs: true, gapUnderHalf: true });
    } finally {
      await db.stop();
    }
  });

  it("keeps the data of a folder across a stop and a start, and leaves neither socket nor lock behind", async () => {
    const folder = newFolder();
    const first = await startEmbeddedPostgres({ dataDir: folder });
    await query(first.url, "CREATE TABLE kept (amount numeric(12,2)); INSERT INTO kept VALUES ('12.34')");
    await first.stop();
    expect(readdirSync(first.socketDir)).toEqual([]);
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir: folder });
    try {
      expect(await query(second.url, "SELECT amount::text FROM kept")).toEqual([{ amount: "12.34" }]);
    } finally {
      // Two callers at once wait for the one shutdown: the folder is free when either returns.
      const [stopping, alsoStopping] = [second.stop(), second.stop()];
      expect(alsoStopping).toBe(stopping);
      await alsoStopping;
    }
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
    const third = await startEmbeddedPostgres({ dataDir: folder });
    await third.stop();
  });

  it("fails its start with PGlite's reason and the folder, and releases the folder", async () => {
    const folder = newFolder();
    mkdirSync(join(folder, "base"), { recursive: true });
    writeFileSync(join(folder, "PG_VERSION"), "9\n");
    // A data folder of another PostgreSQL version.
    await expect(startEmbeddedPostgres({ dataDir: folder })).rejects.toThrow(`The embedded PostgreSQL (PGlite) could not start in ${folder}: PGlite failed to initialize properly`);
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
  });
});

describe("the embedded PostgreSQL's thread started ahead (npm start)", () => {
  /** The thread waiting to be taken, where `npm start` leaves it for the API. */
  const waiting = (): Worker | undefined => (globalThis as { [key: symbol]: { worker: Worker } | undefined })[Symbol.for("payment-operations-api.embedded-postgres-thread")]?.worker;

  it("prepares without a data folder and is the thread the start then hands one", async () => {
    const folder = join(newFolder(), "data");
    startEmbeddedPostgresThreadAhead();
    const ahead = waiting();
    expect(ahead).toBeDefined();
    // Asked twice (the bundle and dist/ share the process): still one thread.
    startEmbeddedPostgresThreadAhead();
    expect(waiting()).toBe(ahead);
    // Loading PGlite and compiling its WebAssembly meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const db = await startEmbeddedPostgres({ dataDir: folder });
    const ended = new Promise<boolean>((resolve) => {
      ahead!.once("exit", () => resolve(true));
      setTimeout(() => resolve(false), 20_000).unref();
    });
    try {
      expect(waiting()).toBeUndefined();
      expect(await query(db.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
      expect(existsSync(join(folder, "PG_VERSION"))).toBe(true);
    } finally {
      await db.stop();
    }
    // The database stopped was served by the thread started ahead: stopping it ended that thread.
    expect(await ended).toBe(true);
  });

  it("is taken once; one that ended before it was taken is replaced by a new thread", async () => {
    startEmbeddedPostgresThreadAhead();
    const ahead = waiting()!;
    const taken = embeddedPostgresThread();
    expect(taken).toBe(ahead);
    const next = embeddedPostgresThread();
    expect(next).not.toBe(ahead);
    await Promise.all([taken.terminate(), next.terminate()]);

    startEmbeddedPostgresThreadAhead();
    const ended = waiting()!;
    await ended.terminate();
    const replacement = embeddedPostgresThread();
    try {
      expect(replacement).not.toBe(ended);
      expect(replacement.threadId).toBeGreaterThan(0);
    } finally {
      await replacement.terminate();
    }
  });

  it("keeps no process alive when nothing takes it", () => {
    buildServer();
    // A start refused before the database (its settings): the process ends as it would without the thread.
    const output = execFileSync(
      process.execPath,
      [
        "-e",
        `require("./dist/src/database/embedded-postgres-thread").startEmbeddedPostgresThreadAhead();
         const ahead = globalThis[Symbol.for("payment-operations-api.embedded-postgres-thread")];
         setTimeout(() => console.log(ahead && ahead.worker.threadId > 0 ? "a thread waited" : "no thread"), 100);`,
      ],
      { cwd: projectRoot(), encoding: "utf8", timeout: 20_000 },
    );
    // Ended by itself, a thread waiting (one that held the process would have run into the timeout).
    expect(output.trim()).toBe("a thread waited");
  });
});
