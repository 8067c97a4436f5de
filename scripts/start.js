#!/usr/bin/env node
/**
 * `npm start`: builds the server (scripts/build-if-changed.js) and the operator console
 * (scripts/build-console.js, without its type check, which `npm run typecheck` does) when their
 * sources changed, then runs the API in this same process: the start bundle of that build with its
 * code cache (scripts/bundle-start.js, scripts/run-start-bundle.js) when it has been made, else
 * dist/src/main.js while the bundle is made for the next start, in the background at the lowest
 * priority. On an unchanged checkout it only compares fingerprints: one Node.js start, not three.
 * `npm run start:prod` runs the built tree with no build step and no bundle (docs/deploying.md).
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

/** Makes the start bundle beside this start, on the CPU it leaves; a failure is said, and the next start tries again. */
function bundleForNextStart() {
  const bundling = spawn(process.execPath, [join(__dirname, "bundle-start.js")], { stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  bundling.stderr.on("data", (chunk) => (errors += chunk));
  bundling.on("spawn", () => {
    try {
      setPriority(bundling.pid, 19);
    } catch {
      // it has ended already: nothing to lower
    }
  });
  bundling.on("exit", (code, signal) => {
    if (code !== 0 && signal === null) process.stderr.write(`The start bundle could not be made (the API runs without it):\n${errors}`);
  });
  bundling.unref();
  bundling.stderr.unref?.();
}

if (!server.isCurrent()) build("build-if-changed.js");
if (process.env.CONSOLE !== "false" && !operatorConsole.isCurrent()) build("build-console.js", "--if-changed", "--unless-disabled", "--unchecked");
if (startBundle.isCurrent()) {
  runStartBundle(startBundle.bundlePaths());
} else {
  bundleForNextStart();
  require(join(__dirname, "..", "dist", "src", "main.js"));
}
