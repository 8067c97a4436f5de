import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from "graphql";
import { projectRoot } from "../../src/project-root";
import { buildServer, readStartLine, startApiProcess, type ApiProcess } from "../support/api-process";
import { tempFolders } from "../support/temp-folders";
import { SCHEMA_FILE } from "../../tools/print-schema";

// `npm start` runs the start bundle (scripts/bundle-start.js) with a V8 code cache
// (scripts/run-start-bundle.js): the same API as the built tree, and stack traces that name the sources.
const root = projectRoot();
const newFolder = tempFolders("start-bundle-");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the scripts are plain CommonJS
const startBundle = require(join(root, "scripts", "bundle-start.js")) as { WRAPPER: [string, string]; asciiOnly(text: string): string; bundlePaths(): { bundle: string; cache: string } | null; builtFingerprint(): string | null; isCurrent(): boolean };

/** Runs `code` in a Node process of its own; its output, and its exit code. */
function node(code: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["-e", code], { cwd, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the start loader (scripts/run-start-bundle.js)", () => {
  let folder: string;
  const paths = () => ({ bundle: join(folder, "main-test.js"), cache: join(folder, "main-test.cache") });
  const run = () => node(`require(${JSON.stringify(join(root, "scripts", "run-start-bundle.js"))}).runStartBundle(${JSON.stringify(paths())})`, folder);

  beforeAll(async () => {
    folder = newFolder();
    writeFileSync(
      join(folder, "thrower.ts"),
      ["export function fail(): never {", '  throw new Error("from the source");', "}", ""].join("\n"),
    );
    writeFileSync(
      join(folder, "entry.ts"),
      [
        'import { fail } from "./thrower";',
        "let stack = '';",
        "try { fail(); } catch (error) { stack = (error as Error).stack ?? ''; }",
        "console.log(JSON.stringify({ stack, modulePaths: module.paths.length > 0 }));",
        "",
      ].join("\n"),
    );
    await build({ entryPoints: [join(folder, "entry.ts")], outfile: paths().bundle, bundle: true, platform: "node", format: "cjs", sourcemap: "external", logLevel: "error", banner: { js: startBundle.WRAPPER[0] }, footer: { js: startBundle.WRAPPER[1] } });
  });

  it("runs the bundle as a module, writes its code cache at the exit, and uses it next time without writing it again", () => {
    expect(existsSync(paths().cache)).toBe(false);
    const first = run();
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ modulePaths: true });
    expect(statSync(paths().cache).size).toBeGreaterThan(0);
    const written = statSync(paths().cache).mtimeMs;

    const second = run();
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    // Accepted by V8: nothing to write again.
    expect(statSync(paths().cache).mtimeMs).toBe(written);

    // A cache that does not fit (here, one of other contents) is rejected, and replaced at the exit.
    writeFileSync(paths().cache, Buffer.alloc(4096, 7));
    const third = run();
    expect(third.status).toBe(0);
    expect(third.stdout).toBe(first.stdout);
    expect(readFileSync(paths().cache).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it("names the source file and line in stack traces, not the bundle's", () => {
    const { stack } = JSON.parse(run().stdout) as { stack: string };
    expect(stack.split("\n")[0]).toBe("Error: from the source");
    expect(stack).toContain(`${join(folder, "thrower.ts")}:2:`);
    expect(stack).toContain(`${join(folder, "entry.ts")}:3:`);
    expect(stack).not.toContain("main-test.js");
  });
});

describe("npm start's bundle of the server (scripts/bundle-start.js)", () => {
  let api: ApiProcess | undefined;

  beforeAll(() => {
    buildServer();
    const made = spawnSync(process.execPath, [join(root, "scripts", "bundle-start.js")], { encoding: "utf8" });
    if (made.status !== 0) throw new Error(`the bundle could not be made: ${made.stderr}`);
  }, 120_000);
  afterEach(async () => {
    if (api && api.process.exitCode === null && api.process.signalCode === null) {
      api.process.kill("SIGKILL");
      await api.exited;
    }
  });

  it("is made for the current build and leaves outside what traces instrument and the embedded PostgreSQL", () => {
    expect(startBundle.isCurrent()).toBe(true);
    const { bundle } = startBundle.bundlePaths()!;
    // Named by the build it was made from and by how it is made.
    expect(bundle).toBe(join(root, "dist", "start", `main-${startBundle.builtFingerprint()}.js`));
    expect(startBundle.builtFingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(startBundle.builtFingerprint()).not.toBe(readFileSync(join(root, "dist", ".sources-fingerprint"), "utf8").slice(0, 16));
    const text = readFileSync(bundle, "utf8");
    // esbuild names each module it holds in a comment: the server's own and its packages'.
    expect(text).toContain("// dist/src/main.js");
    expect(text).toContain("// node_modules/typeorm/");
    for (const outside of ["pg", "graphql", "@opentelemetry/api"]) {
      expect({ outside, held: text.includes(`// node_modules/${outside}/`), required: text.includes(`require("${outside}")`) }).toEqual({ outside, held: false, required: true });
    }
    // ASCII only: V8 keeps it one byte a character.
    expect(text.match(/[\u0080-\uffff]/g)).toBeNull();
    // PGlite is loaded by the embedded PostgreSQL's thread, from its own file.
    expect(text).not.toContain("// node_modules/@electric-sql/");
    expect(text).toContain('"embedded-postgres-worker.js"');
  });

  it("writes characters outside ASCII as escapes that mean the same in regular expressions and comments", () => {
    const samples: Array<[string, string[]]> = [
      ["/^[A-ZÄÖÜß]+$/i", ["ÄÖÜ", "äöü", "Aß", "Ae", "é"]],
      ["/^[А-ЯЁ]+$/i", ["ЁЖ", "жё", "E"]],
      ["/\\é/", ["é", "\\é", "e"]],
      ["/\\\\é/", ["\\é", "é"]],
      ["/^[😀-😂]$/u", ["😁", "😃", "a"]],
      ["/^°\\s*′/", ["° ′", "°′", "o'"]],
    ];
    for (const [literal, inputs] of samples) {
      const escaped = startBundle.asciiOnly(literal);
      expect(escaped).not.toMatch(/[\u0080-\uffff]/);
      const [original, ascii] = [literal, escaped].map((source) => {
        const [, body, flags] = /^\/(.*)\/(\w*)$/s.exec(source)!;
        return new RegExp(body, flags);
      });
      expect({ literal, matches: inputs.map((input) => ascii.test(input)) }).toEqual({ literal, matches: inputs.map((input) => original.test(input)) });
    }
    expect(startBundle.asciiOnly("a = 1; // ±0 — «x»\n")).toBe("a = 1; // \\u00b10 \\u2014 \\u00abx\\u00bb\n");
  });

  it("serves the API on the embedded database, with the explorer, from npm start's entry point; stops cleanly and reuses the code cache", async () => {
    const { cache } = startBundle.bundlePaths()!;
    const folder = newFolder();
    const env = { DATA_DIR: folder };
    const ask = async (url: string, token: string) =>
      (await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: "{ payments(first: 1) { totalCount } }" }) })).json();

    api = await startApiProcess("", env, 120_000, "scripts/start.js");
    const token = readStartLine(api.output())!.demoToken!;
    expect(await ask(api.url, token)).toEqual({ data: { payments: { totalCount: expect.any(Number) } } });
    // The schema served is schema.graphql's: every type keeps its class's name in the bundle.
    const introspection = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, oneOf: true }) }),
    });
    const served = buildClientSchema(((await introspection.json()) as { data: IntrospectionQuery }).data);
    expect(printSchema(lexicographicSortSchema(served))).toBe(printSchema(lexicographicSortSchema(buildSchema(readFileSync(SCHEMA_FILE, "utf8")))));
    const explorerPage = await fetch(api.url, { headers: { accept: "text/html" } });
    expect(explorerPage.status).toBe(200);
    expect(await explorerPage.text()).toContain("<html");
    api.process.kill("SIGTERM");
    expect(await api.exited).toBe(0);
    expect(existsSync(cache)).toBe(true);
    const written = statSync(cache).mtimeMs;

    api = await startApiProcess("", env, 60_000, "scripts/start.js");
    const answer = (await ask(api.url, token)) as { data: { payments: { totalCount: number } } };
    expect(answer.data.payments.totalCount).toBeGreaterThan(0);
    api.process.kill("SIGTERM");
    expect(await api.exited).toBe(0);
    // The second start found the cache usable (V8 would have rejected it, and the exit replaced it).
    expect(statSync(cache).mtimeMs).toBe(written);
  }, 240_000);
});
