import { readFileSync } from "node:fs";
import { SCHEMA_FILE, renderSchema } from "../src/scripts/print-schema";

describe("schema.graphql", () => {
  const rendered = renderSchema();

  it("is the schema the code builds (run `npm run schema:print` after an API change)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(rendered);
  });

  it("prints every identifier input as @oneOf", () => {
    for (const name of ["PaymentIdentifierInput"]) {
      expect(rendered).toContain(`input ${name} @oneOf {`);
    }
  });

  it("carries money and rates as the Decimal scalar, never Float", () => {
    expect(rendered).toContain("scalar Decimal");
    expect(rendered).not.toMatch(/\bFloat\b/);
  });
});
