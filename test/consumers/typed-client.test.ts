import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startTestApi, type TestApi } from "../support/test-api";

const run = promisify(execFile);
const root = join(__dirname, "..", "..");
const example = join(root, "examples", "typed-client");
const codegenBin = join(root, "node_modules", ".bin", "graphql-codegen");
const tscBin = join(root, "node_modules", ".bin", "tsc");

/** The scalar mapping of examples/typed-client/codegen.ts, for the generation from a URL. */
const CLIENT_PRESET_CONFIG = { scalars: { Decimal: "string", Date: "string", DateTime: "string" }, enumsAsTypes: true, useTypeImports: true };

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await run(codegenBin, ["--config", "codegen.ts", "--silent"], { cwd: example });
}, 120_000);
afterAll(() => api.close());

describe("examples/typed-client: a frontend's typed client from codegen", () => {
  it("generates from schema.graphql, type-checks (every union member handled) and runs the payment query and the three mutations", async () => {
    const generated = readFileSync(join(example, "src", "gql", "graphql.ts"), "utf8");
    expect(generated).toContain("export type VoidPaymentMutation =");
    expect(generated).toMatch(/amount: string/); // Decimal stays a string
    await run(tscBin, ["-p", join(example, "tsconfig.json")], { cwd: root });

    // Loaded once generated; typed here so that the API's typecheck does not need the generated files.
    const { runExamples } = require("../../examples/typed-client/src/client") as { runExamples(url: string, token: string): Promise<string[]> };
    expect(await runExamples(api.url, api.token)).toEqual([
      "payment 1001: AUTHORIZED 50 USD, can VOID",
      "voided: payment 1001 is CANCELLED",
      expect.stringMatching(/^cancelled: payment 1025 is CANCELLED, cancellation \S+ of 50$/),
      "rejected: payment 1030 is REJECTED (Reject Due to Business Request)",
      "cannot void now: the payment is PENDING, it must be AUTHORIZED",
    ]);
  }, 120_000);

  it("generates the same types from the running server's URL (introspection) as from schema.graphql", async () => {
    const out = mkdtempSync(join(tmpdir(), "typed-client-"));
    try {
      const config = {
        schema: { [api.url]: { headers: { authorization: `Bearer ${api.token}` } } },
        documents: [join(example, "src", "operations.ts")],
        generates: { [join(out, "from-url") + "/"]: { preset: "client", config: CLIENT_PRESET_CONFIG } },
      };
      writeFileSync(join(out, "codegen.json"), JSON.stringify(config));
      await run(codegenBin, ["--config", join(out, "codegen.json"), "--silent"], { cwd: example });
      const fromUrl = readFileSync(join(out, "from-url", "graphql.ts"), "utf8");
      expect(fromUrl).toContain("export type VoidPaymentMutation =");
      const fromFile = readFileSync(join(example, "src", "gql", "graphql.ts"), "utf8");
      const exported = (source: string) => [...source.matchAll(/^export type (\w+)/gm)].map((m) => m[1]).sort();
      expect(exported(fromUrl)).toEqual(exported(fromFile));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
