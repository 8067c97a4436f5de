import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { lockDataFolder } from "./data-folder-lock";
import { embeddedPostgresThread } from "./embedded-postgres-thread";

export interface EmbeddedPostgres {
  /** A `postgres://` URL that the `pg` driver (and so TypeORM) connects to, through the unix socket. */
  url: string;
  /** The folder (mode 0700) that holds the socket. */
  socketDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the data between starts (made when missing); in memory when undefined. */
  dataDir?: string;
}

/** The socket's name, as PostgreSQL names it, so that `?host=<folder>` finds it. */
const SOCKET_NAME = ".s.PGSQL.5432";
/** Longest unix socket path Linux and macOS accept. */
const MAX_SOCKET_PATH = 103;

/** The folder of the socket, readable and searchable by the owner only. */
function socketFolder(dataDir: string | undefined): string {
  if (dataDir === undefined) return mkdtempSync(join(tmpdir(), "pglite-"));
  const dir = join(dataDir, ".socket");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * PostgreSQL's settings for the embedded server: shared buffers of 16 MB instead of PGlite's
 * 128 MB, which it touches as it starts and which made most of a fresh process's memory. The
 * data files are real files, so the operating system's cache still holds what is read often.
 */
const EMBEDDED_SETTINGS = ["-c", "shared_buffers=16MB"];

/** What the database's thread says once it serves, and once it has shut PostgreSQL down. */
type WorkerSignal = "ready" | "stopped";

/** Resolves when the thread says `signal`; rejects when it fails or ends before. */
function signalled(worker: Worker, signal: WorkerSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      worker.off("message", onMessage).off("error", settle).off("exit", onExit);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (message: unknown): void => {
      if (message === signal) settle();
    };
    const onExit = (code: number): void => settle(new Error(`The embedded PostgreSQL's thread ended (exit code ${code}) before it was ${signal}`));
    worker.on("message", onMessage).on("error", settle).on("exit", onExit);
  });
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), in a thread of its own (embedded-postgres-worker.js:
 * its start and its statements run beside the API's event loop, not on it; `npm start` starts that
 * thread ahead of the API, embedded-postgres-thread.ts), served over the
 * PostgreSQL wire protocol on a unix socket in the data folder (in a folder of mode 0700: no other
 * local user can connect, and nothing listens on a TCP port), so that the same `pg` driver and
 * TypeORM `postgres` driver are used as in production. PGlite runs one statement at a time in a
 * single session: the data source gives it a pool of one connection, so transactions of different
 * requests never interleave. One process at a time uses a data folder: it holds the folder's lock
 * (src/database/data-folder-lock.ts) from before it touches anything there until it stopped, so
 * a second process is refused and never removes the socket of a running one.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const release = options.dataDir === undefined ? () => {} : lockDataFolder(options.dataDir);
  try {
    const socketDir = socketFolder(options.dataDir);
    const socketPath = join(socketDir, SOCKET_NAME);
    if (socketPath.length > MAX_SOCKET_PATH) {
      throw new Error(`The data folder's path is too long for a unix socket (${socketPath.length} > ${MAX_SOCKET_PATH} characters): set DATA_DIR to a shorter path`);
    }
    // A socket left by a process that was killed (this process holds the folder's lock now).
    rmSync(socketPath, { force: true });
    const worker = embeddedPostgresThread();
    try {
      const ready = signalled(worker, "ready");
      worker.postMessage({ start: { dataDir: options.dataDir, socketPath, settings: EMBEDDED_SETTINGS, maxConnections: 16 } });
      await ready;
    } catch (error) {
      await worker.terminate();
      const reason = error instanceof Error || (typeof error === "object" && error !== null && "message" in error) ? String(error.message) : String(error);
      throw new Error(`The embedded PostgreSQL (PGlite) could not start in ${options.dataDir ?? "memory"}: ${reason}`, { cause: error });
    }
    let stopped: Promise<void> | undefined;
    // The database gone while the API runs is not survivable: the process fails as it would have
    // with PostgreSQL in it, with the thread's own error.
    worker.on("error", (error) => {
      if (stopped === undefined) throw error;
    });
    worker.on("exit", (code) => {
      if (stopped === undefined) throw new Error(`The embedded PostgreSQL's thread ended (exit code ${code}) while the API was using it`);
    });
    const stop = async (): Promise<void> => {
      try {
        const shutDown = signalled(worker, "stopped");
        worker.postMessage("stop");
        await shutDown;
        await worker.terminate();
        rmSync(socketPath, { force: true });
        if (options.dataDir === undefined) rmSync(socketDir, { recursive: true, force: true });
      } finally {
        release();
      }
    };
    return {
      url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`,
      socketDir,
      // Every caller waits for the one shutdown, however many ask for it.
      stop: () => (stopped ??= stop()),
    };
  } catch (error) {
    release();
    throw error;
  }
}
