import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestApi } from "./test-api";

const run = promisify(execFile);
const root = join(__dirname, "..", "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

/** A client example under examples/: a folder with its package.json, codegen.ts and src/. */
export function exampleDir(name: string): string {
  return join(root, "examples", name);
}

/** The environment of an example's commands: this one, less a schema URL the caller did not ask for. */
function exampleEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { SCHEMA_URL: _schemaUrl, API_TOKEN: _token, ...env } = process.env;
  return { ...env, ...extra };
}

/** `npm start` of an example against the test API (codegen from schema.graphql, then its main): the lines it prints. */
export async function startExample(name: string, api: TestApi): Promise<string[]> {
  const { stdout } = await run("npm", ["start", "--silent"], { cwd: exampleDir(name), env: exampleEnv({ API_URL: api.url, API_TOKEN: api.token }), timeout: 120_000 });
  return stdout.trimEnd().split("\n");
}

/** The example's generated types (src/gql/graphql.ts) from codegen, from schema.graphql or, given an API, from its URL. */
export async function generateExample(name: string, fromApi?: TestApi): Promise<string> {
  const env = exampleEnv(fromApi ? { SCHEMA_URL: fromApi.url, API_TOKEN: fromApi.token } : {});
  await run(bin("graphql-codegen"), ["--config", "codegen.ts", "--silent"], { cwd: exampleDir(name), env, timeout: 120_000 });
  return generatedTypes(name);
}

/** The types codegen last generated for the example (src/gql/graphql.ts). */
export function generatedTypes(name: string): string {
  return readFileSync(join(exampleDir(name), "src", "gql", "graphql.ts"), "utf8");
}

/** tsc over the example's sources and generated documents: fails when a schema change breaks it. */
export async function typecheckExample(name: string): Promise<void> {
  await run(bin("tsc"), ["-p", join(exampleDir(name), "tsconfig.json")], { cwd: root, timeout: 120_000 });
}
