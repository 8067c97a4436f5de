#!/usr/bin/env node
/**
 * The start bundle: dist/src/main.js and the modules it loads, in one file (dist/start/), which
 * `npm start` runs with a V8 code cache (scripts/run-start-bundle.js): one file read and a cached
 * compilation instead of resolving, reading and compiling about two thousand modules. Made from
 * the built tree by esbuild, after scripts/build-if-changed.js, and named by that build's
 * fingerprint, so that a bundle (and a code cache) is only ever used with the sources it was
 * made from. `npm start` makes it in the background when it is missing (scripts/start.js).
 *
 * Some packages stay outside it, loaded from node_modules as usual: those that traces instrument
 * when the OTEL_* settings ask for them (pg, graphql, and the OpenTelemetry SDK itself), the
 * embedded PostgreSQL (its thread runs a file of its own), and pg-native (optional, never installed).
 */
const { createHash } = require("node:crypto");
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const { dirname, join, relative } = require("node:path");

const root = join(__dirname, "..");
const folder = join(root, "dist", "start");
const WRAPPER = ["(function (exports, require, module, __filename, __dirname) { ", "\n})"];
const EXTERNAL = ["pg", "pg-native", "graphql", "@opentelemetry/*", "@grpc/*", "@electric-sql/pglite", "@electric-sql/pglite-socket"];

/**
 * The bundle's fingerprint, or null before a build: the built tree's (scripts/build-if-changed.js
 * writes it; the sources and package-lock.json) with this file's own text (how the bundle is made)
 * and the patches applied to the packages it holds.
 */
function builtFingerprint() {
  const stamp = join(root, "dist", ".sources-fingerprint");
  if (!existsSync(stamp)) return null;
  const hash = createHash("sha256").update(readFileSync(stamp)).update(readFileSync(__filename));
  const patches = join(root, "patches");
  if (existsSync(patches)) for (const name of readdirSync(patches).sort()) hash.update(name).update(readFileSync(join(patches, name)));
  return hash.digest("hex").slice(0, 16);
}

/** The bundle of the current build and its code cache, whether or not they exist yet. */
function bundlePaths(fingerprint = builtFingerprint()) {
  return fingerprint === null ? null : { bundle: join(folder, `main-${fingerprint}.js`), cache: join(folder, `main-${fingerprint}.cache`) };
}

/** True when the bundle of the current build exists (scripts/start.js asks before it runs it). */
function isCurrent() {
  const paths = bundlePaths();
  return paths !== null && existsSync(paths.bundle);
}
/**
 * The bundle's text with every character outside ASCII written as a \\u escape. esbuild escapes
 * them in strings, templates and names; what it leaves are comments and regular expressions
 * (validator's alphabets), where an escape means the same character. V8 keeps a source with one
 * such character as two bytes a character: escaped, the bundle's source takes half the memory.
 * A character escaped by a backslash before it (`\\é` in a regular expression) loses that backslash.
 */
function asciiOnly(text) {
  return text.replace(/(\\*)([^\x00-\x7f])/g, (_, backslashes, character) => {
    const escape = `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
    return (backslashes.length % 2 === 1 ? backslashes.slice(1) : backslashes) + escape;
  });
}

module.exports = { WRAPPER, asciiOnly, bundlePaths, builtFingerprint, isCurrent };
if (require.main !== module) return;

/**
 * Each module of the bundle keeps its own __dirname and __filename (where the built file is,
 * relative to the bundle), so that what a module reads from beside itself (the explorer's page,
 * the embedded PostgreSQL's thread, a package's own files) is found as without the bundle.
 */
const ownFolder = (outfile) => ({
  name: "own-folder",
  setup(build) {
    build.onLoad({ filter: /\.c?js$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!/\b__(dirname|filename)\b/.test(text)) return undefined;
      const file = JSON.stringify(relative(dirname(outfile), args.path));
      return {
        contents: `var __filename = require("node:path").join(__bundleFolder, ${file}), __dirname = require("node:path").dirname(__filename);\n${text}`,
        loader: "js",
      };
    });
  },
});

async function bundle() {
  const paths = bundlePaths();
  if (paths === null || existsSync(paths.bundle)) return;
  let esbuild;
  try {
    esbuild = require("esbuild");
  } catch {
    return; // a production install (no dev dependencies): `npm start` runs the built tree as it is
  }
  mkdirSync(folder, { recursive: true });
  // Written beside, then renamed: a start never reads half a bundle.
  const partial = `${paths.bundle}.${process.pid}.partial`;
  await esbuild.build({
    entryPoints: [join(root, "dist", "src", "main.js")],
    outfile: partial,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: EXTERNAL,
    // Classes keep their names: GraphQL types, TypeORM entities and error names are taken from them.
    keepNames: true,
    // Already wrapped as Node wraps a CommonJS module, so that it is compiled from the file as read.
    banner: { js: `${WRAPPER[0]}var __bundleFolder = __dirname;` },
    footer: { js: WRAPPER[1] },
    plugins: [ownFolder(paths.bundle)],
    // Stack traces name the TypeScript sources (dist/'s maps, followed by esbuild; run-start-bundle.js reads it).
    sourcemap: "external",
    sourcesContent: false,
    // The packages' licences stay in node_modules.
    legalComments: "none",
    logLevel: "error",
  });
  writeFileSync(partial, asciiOnly(readFileSync(partial, "utf8")));
  renameSync(`${partial}.map`, `${paths.bundle}.map`);
  renameSync(partial, paths.bundle);
  // Bundles and caches of earlier builds.
  const current = `main-${builtFingerprint()}.`;
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(current)) rmSync(join(folder, name), { force: true });
  }
}

bundle().catch((error) => {
  console.error(error);
  process.exit(1);
});
