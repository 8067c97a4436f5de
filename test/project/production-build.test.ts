import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { projectRoot } from "../../src/project-root";
import { buildServer } from "../support/api-process";
import { tempFolders } from "../support/temp-folders";

const root = projectRoot();
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const newFolder = tempFolders("production-install-");

beforeAll(() => buildServer(), 300_000);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The package a module specifier names (`@scope/name/sub` → `@scope/name`), or undefined for a relative path or a built-in. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0])) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

describe("the production build (npm run build, then dev dependencies pruned)", () => {
  it("requires no dev dependency at run time: every package the built server loads is a dependency", () => {
    const required = new Map<string, string>();
    for (const file of filesUnder(join(root, "dist", "src")).filter((path) => path.endsWith(".js"))) {
      // Static requires, and require.resolve of a package's files (the explorer's bundles).
      for (const match of readFileSync(file, "utf8").matchAll(/require(?:\.resolve)?\(\s*["'`]([^"'`$]+)["'`]\s*\)/g)) {
        const name = packageOf(match[1]);
        if (name) required.set(name, file);
      }
    }
    expect(required.size).toBeGreaterThan(15);
    expect([...required].filter(([name]) => !(name in pkg.dependencies))).toEqual([]);
    // The explorer resolves its bundles by package name at run time.
    for (const name of ["graphiql", "react", "react-dom"]) expect(pkg.dependencies[name]).toBeDefined();
  });

  it("runs with what npm ci --omit=dev installs: its postinstall is a dependency", () => {
    expect(pkg.scripts.postinstall).toMatch(/^patch-package /);
    expect(pkg.dependencies["patch-package"]).toBeDefined();
    expect(pkg.devDependencies["patch-package"]).toBeUndefined();
  });

  it("puts in dist/ everything the server reads: the embedded database's thread, the explorer's page and the operator console", () => {
    for (const file of ["src/main.js", "src/database/embedded-postgres-worker.js", "src/server/explorer/index.html", "src/server/explorer/start.js", "console/index.html"]) {
      expect({ file, built: existsSync(join(root, "dist", file)) }).toEqual({ file, built: true });
    }
    expect(readFileSync(join(root, "dist", "src", "server", "explorer", "index.html"))).toEqual(readFileSync(join(root, "src", "server", "explorer", "index.html")));
  });

  it("keeps the console it was given when npm start cannot build one (no Vite, no graphql-codegen)", () => {
    const production = newFolder();
    for (const file of ["scripts/build-console.js", "console/index.html", "dist/console/index.html"]) {
      mkdirSync(dirname(join(production, file)), { recursive: true });
      copyFileSync(join(root, file === "dist/console/index.html" ? "console/index.html" : file), join(production, file));
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the scripts are plain CommonJS
    const copied = require(join(production, "scripts", "build-console.js")) as { canBuild(): boolean; isCurrent(): boolean; setAsideIfOutOfDate(): boolean };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the scripts are plain CommonJS
    const here = require(join(root, "scripts", "build-console.js")) as { canBuild(): boolean };
    expect({ here: here.canBuild(), production: copied.canBuild(), current: copied.isCurrent() }).toEqual({ here: true, production: false, current: false });
    const given = readFileSync(join(production, "dist", "console", "index.html"));
    // What scripts/start.js does first with a console it did not build: it keeps it, and runs the build beside.
    expect(copied.setAsideIfOutOfDate()).toBe(true);
    expect(readFileSync(join(production, "dist", "console", "index.html"))).toEqual(given);
    // The build npm start runs beside the API, there: the given console stays, served as it is.
    const kept = spawnSync(process.execPath, [join(production, "scripts", "build-console.js"), "--if-changed", "--unless-disabled", "--unchecked"], { encoding: "utf8" });
    expect({ status: kept.status, stderr: kept.stderr }).toEqual({ status: 0, stderr: "" });
    expect(readFileSync(join(production, "dist", "console", "index.html"))).toEqual(given);
  });

  it("sets aside a console of other sources where npm start can build the new one: none is served until it is", () => {
    const checkout = newFolder();
    for (const file of ["scripts/build-console.js", "console/index.html", "dist/console/index.html"]) {
      mkdirSync(dirname(join(checkout, file)), { recursive: true });
      copyFileSync(join(root, file === "dist/console/index.html" ? "console/index.html" : file), join(checkout, file));
    }
    symlinkSync(join(root, "node_modules"), join(checkout, "node_modules"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the scripts are plain CommonJS
    const copied = require(join(checkout, "scripts", "build-console.js")) as { canBuild(): boolean; setAsideIfOutOfDate(): boolean };
    expect(copied.canBuild()).toBe(true);
    expect(copied.setAsideIfOutOfDate()).toBe(true);
    expect(existsSync(join(checkout, "dist", "console"))).toBe(false);
  });

  it("refuses, saying how to build it, when there is no console to serve and nothing to build one with", () => {
    const production = newFolder();
    mkdirSync(join(production, "scripts"), { recursive: true });
    copyFileSync(join(root, "scripts", "build-console.js"), join(production, "scripts", "build-console.js"));
    const refused = spawnSync(process.execPath, [join(production, "scripts", "build-console.js"), "--if-changed"], { encoding: "utf8" });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("dist/console is not built");
    expect(refused.stderr).toContain("npm run build");
    expect(existsSync(join(production, "dist", "console"))).toBe(false);
  });

  it("starts the built tree with node, the V8 options and the allocator's setting, no build step", () => {
    expect(pkg.scripts["start:prod"]).toBe("MALLOC_MMAP_THRESHOLD_=131072 exec node --max-semi-space-size=64 dist/src/main.js");
    // npm start builds what changed, then runs the API in the same process, with the same options.
    expect(pkg.scripts.start).toBe("MALLOC_MMAP_THRESHOLD_=131072 exec node --max-semi-space-size=64 scripts/start.js");
  });
});
