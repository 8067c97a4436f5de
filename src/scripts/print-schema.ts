import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildApiSchema } from "../graphql/schema";
import { projectRoot } from "../project-root";

export const SCHEMA_FILE = join(projectRoot(), "schema.graphql");

export function renderSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildApiSchema()))}\n`;
}

if (require.main === module) {
  const rendered = renderSchema();
  if (process.argv.includes("--check")) {
    const committed = readFileSync(SCHEMA_FILE, "utf8");
    if (committed !== rendered) {
      console.error("schema.graphql differs from the schema the code builds: run `npm run schema:print` and commit it.");
      process.exit(1);
    }
    console.log("schema.graphql matches the code.");
  } else {
    writeFileSync(SCHEMA_FILE, rendered);
    console.log(`wrote ${SCHEMA_FILE}`);
  }
}
