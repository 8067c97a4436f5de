#!/usr/bin/env node
/**
 * `npm start`: builds the server (scripts/build-if-changed.js) when its sources changed, then runs
 * the API in this same process: the start bundle of that build with its code cache
 * (scripts/bundle-start.js, scripts/run-start-bundle.js) when it has been made, else
 * dist/src/main.js while the bundle is made for the next start, in the background at the lowest
 * priority. When the operator console's sources changed, it is built beside the start, at a
 * lower priority than the API's (scripts/build-console.js, without its type check, which
 * `npm run typecheck` does), and /console answers 503 "not built yet" until it is in place. On
 * an unchanged checkout it only compares fingerprints: one Node.js start, not three.
 * Without DATABASE_URL, the embedded PostgreSQL's thread is started first, so that PGlite loads
 * while the API does. `npm run start:prod` runs the built tree with no build step and no bundle
 * (docs/deploying.md).
 */
const { spawn, spawnSync } = require("node:child_process");
const { setPriority } = require("node:os");
const { join } = require("node:path");
const server = require("./build-if-changed");
const operatorConsole = require("./build-console");
const startBundle = require("./bundle-start");
const { runStartBundle } = require("./run-start-bundle");

/** Runs one of the build scripts in a process of its own; a failed build stops the start. */
function build(script, ...args) {
  const result = spawnSync(process.execPath, [join(__dirname, script), ...args], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Runs one of the build scripts beside the API, which does not wait for it (nor stays up for it);
 * a failure is said with the script's errors, and the next start tries again.
 */
function buildBeside(failure, script, args, priority) {
  const building = spawn(process.execPath, [join(__dirname, script), ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  building.stderr.on("data", (chunk) => (errors += chunk));
  building.on("spawn", () => {
    if (priority === undefined) return;
    try {
      setPriority(building.pid, priority);
    } catch {
      // it has ended already: nothing to lower
    }
  });
  building.on("exit", (code, signal) => {
    if (code !== 0 && signal === null) process.stderr.write(`${failure}:\n${errors}`);
  });
  building.unref();
  building.stderr.unref?.();
}

if (!server.isCurrent()) build("build-if-changed.js");
if (process.env.CONSOLE !== "false" && operatorConsole.setAsideIfOutOfDate()) {
  // The API's first answer comes first: at a lower priority, the console builds on the CPU the start leaves.
  buildBeside("The operator console could not be built (/console answers 503 until it is)", "build-console.js", ["--if-changed", "--unless-disabled", "--unchecked"], 10);
}
if (!process.env.DATABASE_URL) {
  // The embedded PostgreSQL's thread loads PGlite and compiles its WebAssembly while the API loads
  // below; the API hands it the data folder (src/database/embedded-postgres-thread.ts).
  require(join(__dirname, "..", "dist", "src", "database", "embedded-postgres-thread.js")).startEmbeddedPostgresThreadAhead();
}
if (startBundle.isCurrent()) {
  runStartBundle(startBundle.bundlePaths());
} else {
  // On the CPU the start leaves: it serves the next start.
  buildBeside("The start bundle could not be made (the API runs without it)", "bundle-start.js", [], 19);
  require(join(__dirname, "..", "dist", "src", "main.js"));
}
