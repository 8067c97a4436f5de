// The embedded PostgreSQL's thread (started by embedded-postgres.ts): PGlite and its wire
// protocol server on the unix socket. PostgreSQL's work, its start included, runs here rather than
// on the API's event loop. Plain JavaScript, so that the same file runs from src/ and from dist/.
const { chmodSync } = require("node:fs");
const { parentPort, workerData } = require("node:worker_threads");
const { PGlite } = require("@electric-sql/pglite");
const { btree_gist } = require("@electric-sql/pglite/contrib/btree_gist");
const { PGLiteSocketServer } = require("@electric-sql/pglite-socket");

/** @type {{ dataDir: string | undefined, socketPath: string, settings: string[], maxConnections: number }} */
const { dataDir, socketPath, settings, maxConnections } = workerData;

async function start() {
  const db = await PGlite.create(dataDir, { extensions: { btree_gist }, startParams: [...PGlite.defaultStartParams, ...settings] });
  await db.query("SELECT 1");
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  await server.start();
  chmodSync(socketPath, 0o600);
  parentPort.once("message", () => {
    // The only message is "stop": the socket closes, then PostgreSQL shuts down cleanly.
    server
      .stop()
      .then(() => db.close())
      .then(() => parentPort.postMessage("stopped"));
  });
  parentPort.postMessage("ready");
}

// A failure (of the start or of the stop) is an unhandled rejection of this thread, which ends it
// and reaches the thread that started it as the worker's "error" event.
void start();
