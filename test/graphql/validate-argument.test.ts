import "reflect-metadata";
import { ArgumentValidationError } from "type-graphql";
import { CurrencyFilter, PaymentFilter } from "../../src/graphql/inputs/payment-filter.input";
import { validateArgument } from "../../src/graphql/validate-argument";

function filter(fields: Partial<PaymentFilter>): PaymentFilter {
  return Object.assign(new PaymentFilter(), fields);
}

async function refusal(value: unknown): Promise<ArgumentValidationError> {
  const error = await validateArgument(value).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ArgumentValidationError)) throw new Error(`expected an ArgumentValidationError, got ${String(error)}`);
  return error;
}

class Unruled {
  name = "anything at all, of any length";
}

class RuledByInheritance extends PaymentFilter {}

describe("validateArgument (type-graphql's argument check)", () => {
  it("refuses an input class's broken rules with ArgumentValidationError, naming each property once", async () => {
    const error = await refusal(filter({ currencyCode: "euro", search: "   " }));
    const errors = error.extensions.validationErrors;
    expect(errors.map((e) => e.property).sort()).toEqual(["currencyCode", "search"]);
    expect(errors.find((e) => e.property === "currencyCode")?.constraints).toEqual({ matches: "currencyCode must be three capital letters, such as EUR" });
    // Neither the object nor the value is echoed into the error (they may hold what a client sent).
    expect(errors.every((e) => e.target === undefined && e.value === undefined)).toBe(true);
  });

  it("lets a missing optional field and a valid one through", async () => {
    await expect(validateArgument(filter({}))).resolves.toBeUndefined();
    await expect(validateArgument(filter({ currencyCode: "EUR", search: "B0000001", resellerCode: "platform" }))).resolves.toBeUndefined();
  });

  it("checks each item of a list argument, and rules a class inherits", async () => {
    const error = await refusal([filter({ currencyCode: "EUR" }), Object.assign(new RuledByInheritance(), { resellerCode: "" })]);
    expect(error.extensions.validationErrors.map((e) => e.property)).toEqual(["resellerCode"]);
    const codes = await refusal(Object.assign(new CurrencyFilter(), { codes: ["EUR", "eur"] }));
    expect(codes.extensions.validationErrors[0].constraints).toEqual({ matches: "codes must be three capital letters each, such as EUR" });
  });

  it("passes scalars, null and classes without rules without checking them", async () => {
    for (const value of [null, undefined, "B0000001", 100, [1, 2], new Unruled(), [new Unruled()]]) await expect(validateArgument(value)).resolves.toBeUndefined();
  });
});
