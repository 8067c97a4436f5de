#!/usr/bin/env node
/**
 * Builds dist/ with swc only when the sources changed since the last build, so that `npm start`
 * and the other npm scripts start at once on an unchanged checkout. The sources are fingerprinted
 * by content (paths and bytes), not by time stamps. On a built tree without dev dependencies
 * (production) it runs the build it finds. dist/ holds everything the server reads at run time.
 */
const { createHash } = require("node:crypto");
const { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { basename, dirname, join, relative } = require("node:path");

const root = join(__dirname, "..");
const stamp = join(root, "dist", ".sources-fingerprint");
const INPUTS = ["src", "bench", "tools", "ormconfig.ts", ".swcrc", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];

/**
 * `layer-probe-*` folders are test/project/architecture.test.ts's probes: source it writes into
 * src/ for a moment to check that the layer rules refuse it. They are no part of the server, and
 * must not make a build (or `npm start`, which asks the same fingerprint) run meanwhile.
 */
const PROBE = /^layer-probe-/;

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !PROBE.test(name))
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function fingerprintOf() {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap((input) => files(join(root, input)))) {
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** True when dist/ was built from the sources as they are (scripts/start.js asks before it builds). */
function isCurrent(fingerprint = fingerprintOf()) {
  return existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint;
}
module.exports = { isCurrent };
if (require.main !== module) return;

const fingerprint = fingerprintOf();
if (isCurrent(fingerprint)) process.exit(0);
let swc;
try {
  swc = require("@swc/core");
} catch {
  // A production install (npm ci --omit=dev, perhaps without the sources) runs the build it was given.
  if (existsSync(join(root, "dist", "src", "main.js"))) process.exit(0);
  console.error(
    "dist/ is not built, and the build tools are not installed (a production install): build with `npm run build` where the dev dependencies are installed, then start the built tree with `npm run start:prod` (docs/deploying.md).",
  );
  process.exit(1);
}

/**
 * Transpiles every TypeScript file of the inputs into dist/ with swc and the settings the tests
 * run with (.swcrc: legacy decorators with their metadata, no define semantics for class fields,
 * CommonJS): a fraction of a second where tsc takes seconds. The types are checked by `npm run
 * typecheck` (and before `npm run build`, and in CI), not on every start.
 */
async function build() {
  rmSync(join(root, "dist", "src"), { recursive: true, force: true });
  const sources = INPUTS.flatMap((input) => files(join(root, input))).filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"));
  await Promise.all(
    sources.map(async (file) => {
      const target = join(root, "dist", relative(root, file)).replace(/\.ts$/, ".js");
      const { code, map } = await swc.transformFile(file, { configFile: join(root, ".swcrc"), sourceMaps: true, sourceFileName: relative(dirname(target), file) });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, `${code}\n//# sourceMappingURL=${basename(target)}.map\n`);
      writeFileSync(`${target}.map`, map);
    }),
  );
  // The explorer's page and start script are read by the built server from beside it.
  cpSync(join(root, "src", "server", "explorer"), join(root, "dist", "src", "server", "explorer"), { recursive: true });
  // The embedded PostgreSQL's thread runs a plain JavaScript file, the same from src/ and dist/.
  cpSync(join(root, "src", "database", "embedded-postgres-worker.js"), join(root, "dist", "src", "database", "embedded-postgres-worker.js"));
  writeFileSync(stamp, fingerprint);
}

build().catch((error) => {
  console.error(error);
  process.exit(1);
});
