#!/usr/bin/env node
/**
 * `npm start`: builds the server (scripts/build-if-changed.js) and the operator console
 * (scripts/build-console.js, without its type check, which `npm run typecheck` does) when their
 * sources changed, then runs the API (dist/src/main.js) in this same process. On an unchanged
 * checkout it only compares fingerprints: one Node.js start, not three. `npm run start:prod` runs
 * the built tree with no build step (docs/deploying.md).
 */
const { spawnSync } = require("node:child_process");
const { join } = require("node:path");
const server = require("./build-if-changed");
const operatorConsole = require("./build-console");

/** Runs one of the build scripts in a process of its own; a failed build stops the start. */
function build(script, ...args) {
  const result = spawnSync(process.execPath, [join(__dirname, script), ...args], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!server.isCurrent()) build("build-if-changed.js");
if (process.env.CONSOLE !== "false" && !operatorConsole.isCurrent()) build("build-console.js", "--if-changed", "--unless-disabled", "--unchecked");
require(join(__dirname, "..", "dist", "src", "main.js"));
