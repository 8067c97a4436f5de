import { readFileSync } from "node:fs";
import { join } from "node:path";
import { POSSIBLE_TYPES_FILE, SCHEMA_FILE, renderPossibleTypes, renderSchema } from "../../tools/print-schema";

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

describe("possible-types.json (Apollo Client's possibleTypes)", () => {
  it("is what the code's schema gives (run `npm run schema:print` after an API change)", async () => {
    expect(readFileSync(POSSIBLE_TYPES_FILE, "utf8")).toBe(await renderPossibleTypes());
  });

  it("lists every error member under Error and every member of each result union", () => {
    const { possibleTypes } = JSON.parse(readFileSync(POSSIBLE_TYPES_FILE, "utf8")) as { possibleTypes: Record<string, string[]> };
    expect(possibleTypes.Error).toEqual(expect.arrayContaining(["PostpaidPaymentError", "PaymentStateError", "VendorUnavailableError"]));
    expect(possibleTypes.Error.every((name) => name.endsWith("Error"))).toBe(true);
    for (const operation of ["Void", "Cancel", "Reject"]) {
      const members = possibleTypes[`${operation}PaymentResult`];
      expect(members).toContain(`${operation}PaymentSuccess`);
      expect(members.filter((name) => !name.endsWith("Success")).every((name) => possibleTypes.Error.includes(name))).toBe(true);
    }
  });

  it("is exported to clients beside schema.graphql", () => {
    const { exports } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { exports: Record<string, string> };
    expect(exports["./possible-types.json"]).toBe("./possible-types.json");
    expect(exports["./schema.graphql"]).toBe("./schema.graphql");
  });
});
