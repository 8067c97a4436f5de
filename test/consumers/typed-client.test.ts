import { generateExample, generatedTypes, startExample, typecheckExample } from "../support/examples";
import { useTestApi } from "../support/test-api";

const api = useTestApi();

describe("examples/typed-client: a frontend's typed client from codegen", () => {
  it("generates the same types from the running server's URL (introspection asking for @oneOf) as from schema.graphql", async () => {
    const fromUrl = await generateExample("typed-client", api);
    const fromFile = await generateExample("typed-client");
    expect(fromFile).toContain("export type VoidPaymentMutation =");
    // One identifier exactly: the other fields are `never` in each branch.
    expect(fromFile).toMatch(/export type PaymentIdentifierInput =\s*\{\s*backOfficeCode: string; id\?: never;/);
    expect(fromUrl).toBe(fromFile);
  }, 120_000);

  it("type-checks (every union member handled) and `npm start` runs the payment query and the three mutations", async () => {
    const lines = await startExample("typed-client", api);
    expect(generatedTypes("typed-client")).toMatch(/amount: string/); // Decimal stays a string
    await typecheckExample("typed-client");
    expect(lines).toEqual([
      "payment 1001: AUTHORIZED 50 USD, can VOID",
      "voided: payment 1001 is CANCELLED",
      expect.stringMatching(/^cancelled: payment 1025 is CANCELLED, cancellation \S+ of 50$/),
      "rejected: payment 1030 is REJECTED (Reject Due to Business Request)",
      "cannot void now: the payment is PENDING, it must be AUTHORIZED",
    ]);
  }, 120_000);
});
