import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { lockDataFolder } from "./data-folder-lock";

export interface EmbeddedPostgres {
  /** A `postgres://` URL that the `pg` driver (and so TypeORM) connects to, through the unix socket. */
  url: string;
  /** The folder (mode 0700) that holds the socket. */
  socketDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the data between starts; in memory when undefined. */
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
 * PostgreSQL compiled to WebAssembly (PGlite), served over the PostgreSQL wire protocol on a
 * unix socket in the data folder (in a folder of mode 0700: no other local user can connect,
 * and nothing listens on a TCP port), so that the same `pg` driver and TypeORM `postgres`
 * driver are used as in production. PGlite runs one statement at a time in a single session:
 * the data source gives it a pool of one connection, so transactions of different requests
 * never interleave. One process at a time uses a data folder: it holds the folder's lock
 * (src/database/data-folder-lock.ts) from before it touches anything there until it stopped, so
 * a second process is refused and never removes the socket of a running one.
 */
/**
 * PostgreSQL's settings for the embedded server: shared buffers of 32 MB instead of PGlite's
 * 128 MB, which it touches as it starts and which made most of a fresh process's memory. The
 * data files are real files, so the operating system's cache still holds what is read often.
 */
const EMBEDDED_SETTINGS = ["-c", "shared_buffers=32MB"];

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const release = options.dataDir === undefined ? () => {} : lockDataFolder(options.dataDir);
  try {
    const socketDir = socketFolder(options.dataDir);
    const socketPath = join(socketDir, SOCKET_NAME);
    if (socketPath.length > MAX_SOCKET_PATH) {
      throw new Error(`The data folder's path is too long for a unix socket (${socketPath.length} > ${MAX_SOCKET_PATH} characters): set DATA_DIR to a shorter path`);
    }
    // A socket left by a process that was killed (this process holds the folder's lock now).
    rmSync(socketPath, { force: true });
    const db = await PGlite.create(options.dataDir, { extensions: { btree_gist }, startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS] });
    const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 16 });
    await server.start();
    chmodSync(socketPath, 0o600);
    return {
      url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`,
      socketDir,
      async stop() {
        try {
          await server.stop();
          await db.close();
          rmSync(socketPath, { force: true });
          if (options.dataDir === undefined) rmSync(socketDir, { recursive: true, force: true });
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
