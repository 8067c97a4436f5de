import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(__dirname, "..", "..");

function depcruise(target = "src"): { status: number | null; output: string } {
  const run = spawnSync(join(root, "node_modules/.bin/depcruise"), [target, "--config", ".dependency-cruiser.js"], { cwd: root, encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** A statement of SQL in a string: the verbs and the clause each needs. */
const SQL = /\b(SELECT\s[\s\S]*?\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|LOCK\s+TABLE)\b/;

describe("the direction of the source", () => {
  it("has no import against the layers (dependency-cruiser)", () => {
    const { status, output } = depcruise();
    expect(output).toContain("no dependency violations found");
    expect(status).toBe(0);
  });

  it("has SQL only in the stores, the database layer and the migrations", () => {
    const outside = sourceFiles(join(root, "src"))
      .map((path) => relative(root, path))
      .filter((path) => !/^src\/(stores|database)\//.test(path))
      .filter((path) => SQL.test(readFileSync(join(root, path), "utf8")));
    expect(outside).toEqual([]);
    // The check reads SQL where it is.
    expect(sourceFiles(join(root, "src", "stores")).filter((path) => SQL.test(readFileSync(path, "utf8"))).length).toBeGreaterThan(4);
  });

  it("keeps every file of src/ under 300 lines", () => {
    const long = sourceFiles(join(root, "src"))
      .map((path) => ({ file: relative(root, path), lines: readFileSync(path, "utf8").trimEnd().split("\n").length }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });

  it("lays the tests out as src/ is: a folder per layer, and the scenarios, project checks, console and client examples apart", () => {
    const layers = new Set(readdirSync(join(root, "src")).filter((name) => statSync(join(root, "src", name)).isDirectory()));
    const apart = new Set(["support", "scenarios", "project", "console", "consumers"]);
    const folders = readdirSync(join(root, "test")).filter((name) => statSync(join(root, "test", name)).isDirectory());
    expect(folders.filter((name) => !layers.has(name) && !apart.has(name))).toEqual([]);
    const loose = readdirSync(join(root, "test")).filter((name) => name.endsWith(".test.ts") && !existsSync(join(root, "src", name.replace(/\.test\.ts$/, ".ts"))));
    expect(loose).toEqual([]);
  });

  describe("refuses", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(root, "src", "operations", "layer-probe-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      ["a statement helper outside the stores", `import { queryPrepared } from "../../database/prepared-statements";\nexport const probe = queryPrepared;\n`, "sql-only-in-stores"],
      ["TypeORM outside the stores", `import { DataSource } from "typeorm";\nexport const probe = DataSource;\n`, "sql-only-in-stores"],
      ["GraphQL in the operations", `import { GraphQLError } from "graphql";\nexport const probe = GraphQLError;\n`, "no-graphql-below-graphql"],
      ["type-graphql in the operations", `import { registerEnumType } from "type-graphql";\nexport const probe = registerEnumType;\n`, "no-graphql-below-graphql"],
      ["an operation importing the GraphQL layer", `import { buildApiSchema } from "../../graphql/schema";\nexport const probe = buildApiSchema;\n`, "operations-points-down"],
      ["an operation importing the composition root", `import { buildApp } from "../../app";\nexport const probe = buildApp;\n`, "only-the-top-composes"],
    ])("%s", (_what, source, rule) => {
      writeFileSync(join(dir, "probe.ts"), source);
      const { status, output } = depcruise(relative(root, dir));
      expect(output).toContain(rule);
      expect(status).not.toBe(0);
    });
  });
});
