import { join } from "node:path";
import { Worker } from "node:worker_threads";

/** Where a thread started ahead of time waits to be taken (the start bundle and dist/ share the process, not their modules). */
const AHEAD = Symbol.for("payment-operations-api.embedded-postgres-thread");
type Holder = { [AHEAD]?: { worker: Worker; failed: boolean } };

function newThread(): Worker {
  return new Worker(join(__dirname, "embedded-postgres-worker.js"));
}

/**
 * Starts the embedded PostgreSQL's thread ahead of the API (`npm start` does, before it loads the
 * API): it loads PGlite and compiles its WebAssembly while the API's code loads on the main thread,
 * and touches no data folder until `startEmbeddedPostgres` hands it one. Until then it keeps
 * nothing alive: a start refused by its settings ends as it would without it.
 */
export function startEmbeddedPostgresThreadAhead(): void {
  const holder = globalThis as Holder;
  if (holder[AHEAD]) return;
  const ahead = { worker: newThread(), failed: false };
  const fail = () => (ahead.failed = true);
  ahead.worker.on("error", fail).on("exit", fail).unref();
  holder[AHEAD] = ahead;
}

/**
 * The thread for the embedded PostgreSQL: the one started ahead, once, unless this thread has heard
 * it fail or end (a thread that fails later, while it prepares, fails the start with its own
 * error); else a new one. It waits for its `start` message either way.
 */
export function embeddedPostgresThread(): Worker {
  const holder = globalThis as Holder;
  const ahead = holder[AHEAD];
  delete holder[AHEAD];
  if (!ahead || ahead.failed) {
    void ahead?.worker.terminate();
    return newThread();
  }
  ahead.worker.removeAllListeners("error").removeAllListeners("exit").ref();
  return ahead.worker;
}
