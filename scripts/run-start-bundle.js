/**
 * Runs the start bundle (scripts/bundle-start.js) in this process, as Node would run a CommonJS
 * module, compiled with V8's code cache beside it: the functions compiled by an earlier start
 * (the modules' bodies, the start's own path, the first requests) are read back instead of being
 * compiled again. V8 checks the cache against its version and flags and rejects one that does not
 * fit; a start without a usable cache writes one as the process exits. A cache belongs to one
 * bundle, named by the same build fingerprint, so it never meets other sources.
 *
 * Stack traces of the bundle's code name the TypeScript sources (its source map, read when a
 * stack is first formatted), as they would without the bundle.
 */
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname, join } = require("node:path");
const vm = require("node:vm");

/** Maps the bundle's frames in stack traces to the sources, as `--enable-source-maps` would. */
function mapStackTraces(bundle) {
  let map;
  const original = (line, column) => {
    map ??= new Module.SourceMap(JSON.parse(readFileSync(`${bundle}.map`, "utf8")));
    const entry = map.findEntry(line - 1, column - 1);
    if (!entry || entry.originalSource === undefined) return null;
    return `${join(dirname(bundle), entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  };
  const position = new RegExp(`${bundle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):(\\d+)`);
  Error.prepareStackTrace = (error, frames) => {
    const lines = frames.map((frame) => {
      const text = String(frame);
      const found = position.exec(text);
      return `    at ${found ? text.replace(found[0], original(Number(found[1]), Number(found[2])) ?? found[0]) : text}`;
    });
    return [String(error), ...lines].join("\n");
  };
}

/** Runs `bundle` as the main module, with the code cache at `cache`. */
function runStartBundle({ bundle, cache }) {
  let cachedData;
  try {
    cachedData = readFileSync(cache);
  } catch {
    // none yet: this start writes it
  }
  // The bundle is ASCII only (bundle-start.js escapes every other character), which Latin-1 reads
  // as UTF-8 would, at a third of its cost for nine megabytes.
  const script = new vm.Script(readFileSync(bundle, "latin1"), { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // At the exit, the cache holds every function compiled until then, the first answers' included.
    process.once("exit", () => {
      try {
        const partial = `${cache}.${process.pid}.partial`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cache);
      } catch {
        // the next start compiles as this one did and tries again
      }
    });
  }
  mapStackTraces(bundle);
  const module = new Module(bundle, null);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(dirname(bundle));
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, dirname(bundle));
}

module.exports = { runStartBundle };
