#!/usr/bin/env node
/**
 * Builds dist/ with tsc only when the sources changed since the last build, so that `npm start`
 * and the other npm scripts start at once on an unchanged checkout. The sources are fingerprinted
 * by content (paths and bytes), not by time stamps. On a built tree without dev dependencies
 * (production) it runs the build it finds. dist/ holds everything the server reads at run time.
 */
const { createHash } = require("node:crypto");
const { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require("node:fs");
const { join, relative } = require("node:path");
const { spawnSync } = require("node:child_process");

const root = join(__dirname, "..");
const stamp = join(root, "dist", ".sources-fingerprint");
const INPUTS = ["src", "bench", "tools", "ormconfig.ts", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

const hash = createHash("sha256");
for (const file of INPUTS.flatMap((input) => files(join(root, input)))) {
  hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
}
const fingerprint = hash.digest("hex");

if (existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint) process.exit(0);
let tscPath;
try {
  tscPath = require.resolve("typescript/bin/tsc");
} catch {
  // A production install (npm ci --omit=dev, perhaps without the sources) runs the build it was given.
  if (existsSync(join(root, "dist", "src", "main.js"))) process.exit(0);
  console.error(
    "dist/ is not built, and TypeScript is not installed (a production install): build with `npm run build` where the dev dependencies are installed, then start the built tree with `npm run start:prod` (docs/deploying.md).",
  );
  process.exit(1);
}
const tsc = spawnSync(process.execPath, [tscPath, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// The explorer's page and start script are read by the built server from beside it.
cpSync(join(root, "src", "server", "explorer"), join(root, "dist", "src", "server", "explorer"), { recursive: true });
writeFileSync(stamp, fingerprint);
