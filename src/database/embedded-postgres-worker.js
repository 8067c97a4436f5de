// The embedded PostgreSQL's thread (started by embedded-postgres-thread.ts): PGlite and its wire
// protocol server on the unix socket. PostgreSQL's work, its start included, runs here rather than
// on the API's event loop. Plain JavaScript, so that the same file runs from src/ and from dist/.
//
// As it starts, the thread loads PGlite, reads its file bundle and compiles its WebAssembly, which
// need no data folder: `npm start` starts it ahead of the API, so that this happens while the
// API's code loads. It then waits for its one `start` message (the data folder, the socket, the
// settings) and, once serving, for "stop".
const { chmodSync } = require("node:fs");
const { readFile } = require("node:fs/promises");
const { dirname, join } = require("node:path");
const { parentPort } = require("node:worker_threads");
const { PGlite } = require("@electric-sql/pglite");
const { btree_gist } = require("@electric-sql/pglite/contrib/btree_gist");
const { PGLiteSocketServer } = require("@electric-sql/pglite-socket");

/** PGlite's compiled WebAssembly and its file bundle, as PGlite would read them from its package. */
async function prepare() {
  const folder = dirname(require.resolve("@electric-sql/pglite"));
  const [pgliteWasmModule, fsBundle] = await Promise.all([
    readFile(join(folder, "pglite.wasm")).then((bytes) => WebAssembly.compile(bytes)),
    readFile(join(folder, "pglite.data")).then((bytes) => new Blob([bytes])),
  ]);
  return { pgliteWasmModule, fsBundle };
}

/** @param {{ dataDir: string | undefined, socketPath: string, settings: string[], maxConnections: number }} options */
async function start({ dataDir, socketPath, settings, maxConnections }) {
  const db = await PGlite.create(dataDir, {
    ...(await prepared),
    extensions: { btree_gist },
    startParams: [...PGlite.defaultStartParams, ...settings],
  });
  await db.query("SELECT 1");
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  await server.start();
  chmodSync(socketPath, 0o600);
  parentPort.once("message", () => {
    // The only message now is "stop": the socket closes, then PostgreSQL shuts down cleanly.
    server
      .stop()
      .then(() => db.close())
      .then(() => parentPort.postMessage("stopped"));
  });
  parentPort.postMessage("ready");
}

const prepared = prepare();
// A failure (of the preparation, the start or the stop) is an unhandled rejection of this thread,
// which ends it and reaches the thread that started it as the worker's "error" event.
prepared.catch(() => {}); // said by the start that awaits it
parentPort.once("message", (message) => void start(message.start));
