import { readFileSync } from "node:fs";
import { SCHEMA_FILE, renderSchema } from "../src/scripts/print-schema";

describe("schema.graphql", () => {
  const rendered = renderSchema();

  it("is the schema the code builds (run `npm run schema:print` after an API change)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(rendered);
  });

  it("prints every identifier input as @oneOf", () => {
    for (const name of [
      "PaymentIdentifierInput",
      "FinancialTransactionTypeIdentifierInput",
      "FinancialTransactionCategoryIdentifierInput",
      "RejectionReasonIdentifierInput",
    ]) {
      expect(rendered).toContain(`input ${name} @oneOf {`);
    }
  });

  it("shows the Error interface and the three result unions", () => {
    expect(rendered).toMatch(/^interface Error \{$/m);
    expect(rendered).toContain("union VoidPaymentResult =");
    expect(rendered).toContain("union CancelPaymentResult =");
    expect(rendered).toContain("union RejectPaymentResult =");
    expect(rendered).toMatch(/type VendorUnavailableError implements Error/);
  });

  it("carries money and rates as the Decimal scalar, never Float", () => {
    expect(rendered).toContain("scalar Decimal");
    expect(rendered).not.toMatch(/\bFloat\b/);
  });
});
