/** Development tool (`npm run schema:print`, `schema:check`): prints the schema and what clients derive from it; not part of the production build's run time. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { plugin as fragmentMatcher, type FragmentMatcherConfig } from "@graphql-codegen/fragment-matcher";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildApiSchema } from "../src/graphql/schema";
import { projectRoot } from "../src/project-root";

export const SCHEMA_FILE = join(projectRoot(), "schema.graphql");
/** Apollo Client's `possibleTypes` (`{ possibleTypes: { Error: [...], VoidPaymentResult: [...] } }`). */
export const POSSIBLE_TYPES_FILE = join(projectRoot(), "possible-types.json");

export function renderSchema(schema: GraphQLSchema = buildApiSchema()): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/**
 * The members of every union and interface, as Apollo Client's InMemoryCache needs them to match
 * `... on Error` inside a result union (without them it drops those fields). Written by
 * graphql-codegen's fragment-matcher, in a stable order.
 */
export async function renderPossibleTypes(schema: GraphQLSchema = buildApiSchema()): Promise<string> {
  const config: FragmentMatcherConfig = { apolloClientVersion: 3, deterministic: true };
  const output = await fragmentMatcher(schema, [], config, { outputFile: POSSIBLE_TYPES_FILE });
  return `${typeof output === "string" ? output : output.content}\n`;
}

/** The committed files generated from the code: the schema and what clients derive from it. */
export async function renderContract(): Promise<Array<{ file: string; rendered: string }>> {
  const schema = buildApiSchema();
  return [
    { file: SCHEMA_FILE, rendered: renderSchema(schema) },
    { file: POSSIBLE_TYPES_FILE, rendered: await renderPossibleTypes(schema) },
  ];
}

async function main(check: boolean): Promise<void> {
  for (const { file, rendered } of await renderContract()) {
    if (!check) {
      writeFileSync(file, rendered);
      console.log(`wrote ${file}`);
    } else if (!existsSync(file) || readFileSync(file, "utf8") !== rendered) {
      console.error(`${basename(file)} differs from the schema the code builds: run \`npm run schema:print\` and commit it.`);
      process.exitCode = 1;
    } else {
      console.log(`${basename(file)} matches the code.`);
    }
  }
}

if (require.main === module) {
  main(process.argv.includes("--check")).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
