#!/usr/bin/env node
/**
 * Builds the operator console into dist/console: typed documents from schema.graphql
 * (graphql-codegen), a type check of console/, then Vite. With --if-changed (what `npm start`
 * and `npm run build` run) it does nothing while console/, schema.graphql, the value formats it
 * shares with the API (src/domain/value-formats.ts) and package-lock.json are unchanged since the
 * last build (fingerprinted by content); with --unless-disabled (`npm start`) nothing at all when
 * CONSOLE=false: the API will not serve it; with --unchecked (`npm start`) without the type check,
 * which `npm run typecheck` does.
 */
const { createHash } = require("node:crypto");
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { join, relative } = require("node:path");
const { spawnSync } = require("node:child_process");

const root = join(__dirname, "..");
const consoleDir = join(root, "console");
const out = join(root, "dist", "console");
const stamp = join(root, "dist", ".console-fingerprint");
const SKIP = new Set(["gql", "node_modules"]);

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !SKIP.has(name))
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function fingerprint() {
  const hash = createHash("sha256");
  const shared = [join(root, "schema.graphql"), join(root, "src", "domain", "value-formats.ts"), join(root, "package-lock.json")];
  // A production install holds neither console/ nor schema.graphql and src/: what it lacks is left out.
  for (const file of [...files(consoleDir), ...shared.filter((path) => existsSync(path))]) {
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** True while the process `pid` runs (a build left by one that stopped is removed). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Where the tool `bin` of the dev dependencies is, whether or not it is installed. */
function toolPath(bin) {
  return join(root, "node_modules", ".bin", process.platform === "win32" ? `${bin}.cmd` : bin);
}

/** True when the console can be built here: its sources and the dev dependencies that build it are installed. */
function canBuild() {
  return existsSync(join(consoleDir, "index.html")) && ["graphql-codegen", "vite"].every((bin) => existsSync(toolPath(bin)));
}

function run(bin, args) {
  if (!existsSync(toolPath(bin))) {
    console.error(`The console cannot be built: ${bin} is not installed (npm ci installs it with the dev dependencies).`);
    process.exit(1);
  }
  const result = spawnSync(toolPath(bin), args, { cwd: consoleDir, stdio: "inherit", shell: process.platform === "win32" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** True when dist/console was built from the console's sources as they are (scripts/start.js asks before it builds). */
function isCurrent(current = fingerprint()) {
  return existsSync(join(out, "index.html")) && existsSync(stamp) && readFileSync(stamp, "utf8") === current;
}
/** Removes dist/console and its fingerprint: a start whose console is out of date serves none until it is built again. */
function removeBuild() {
  rmSync(stamp, { force: true });
  rmSync(out, { recursive: true, force: true });
}
/**
 * What `npm start` does before the API starts, when the console's sources changed since dist/console
 * was built: where it can build a new one, the old one is removed (/console answers "not built
 * yet" until the new one is in place, never a console of other sources); a production install,
 * which cannot build, keeps the console it was given. True when a build should run beside the start.
 */
function setAsideIfOutOfDate() {
  if (isCurrent()) return false;
  if (canBuild()) removeBuild();
  return true;
}
module.exports = { canBuild, isCurrent, removeBuild, setAsideIfOutOfDate };
if (require.main !== module) return;

if (process.argv.includes("--unless-disabled") && process.env.CONSOLE === "false") process.exit(0);
const current = fingerprint();
if (process.argv.includes("--if-changed") && isCurrent(current)) process.exit(0);
if (!canBuild()) {
  // A production install (npm ci --omit=dev, perhaps without console/) serves the build it was given.
  if (existsSync(join(out, "index.html"))) process.exit(0);
  console.error("dist/console is not built, and the console's sources or the tools that build it (graphql-codegen, Vite) are not installed (a production install): build with `npm run build` where the dev dependencies are installed (docs/deploying.md).");
  process.exit(1);
}
run("graphql-codegen", ["--config", "codegen.ts", "--silent"]);
// `npm start` leaves the type check to `npm run typecheck` (CI runs it), as it does for the server.
if (!process.argv.includes("--unchecked")) run("tsc", ["-p", "tsconfig.json"]);
mkdirSync(join(root, "dist"), { recursive: true });
// Built beside, then put in place: the API never serves half a console (a page whose assets are
// not written yet), only the earlier build or, for the moment of the swap, none ("not built yet").
for (const name of readdirSync(join(root, "dist"))) {
  const builder = /^console\.building-(\d+)$/.exec(name);
  if (builder && !alive(Number(builder[1]))) rmSync(join(root, "dist", name), { recursive: true, force: true });
}
const building = join(root, "dist", `console.building-${process.pid}`);
run("vite", ["build", "--config", "vite.config.mts", "--outDir", building, "--emptyOutDir"]);
rmSync(out, { recursive: true, force: true });
renameSync(building, out);
writeFileSync(stamp, current);
