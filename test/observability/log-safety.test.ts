import { QueryFailedError } from "typeorm";
import { serializeError } from "../../src/observability/logger";

describe("logged errors", () => {
  it("carry no SQL parameters, row values or quoted input", () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "payment_operation_back_office_code"'), {
      code: "23505",
      detail: "Key (reserved_back_office_code)=(BO-SECRET-1) already exists.",
      constraint: "payment_operation_back_office_code",
    });
    const error = new QueryFailedError("INSERT INTO payment_operation (notes) VALUES ($1)", ["NOTES-SECRET", "UDF-SECRET"], driverError);
    const logged = JSON.stringify(serializeError(error));
    expect(logged).toMatch(/QueryFailedError/);
    expect(logged).toMatch(/23505/);
    for (const secret of ["NOTES-SECRET", "UDF-SECRET", "BO-SECRET-1"]) expect(logged).not.toContain(secret);
  });

  it("keep the shape of a message but not the value it quotes", () => {
    const logged = JSON.stringify(serializeError(new Error('invalid input syntax for type uuid: "card 4111 1111"')));
    expect(logged).toContain("invalid input syntax for type uuid");
    expect(logged).not.toContain("4111");
  });

  it("serialize causes the same way", () => {
    const error = new Error("outer", { cause: Object.assign(new Error("inner"), { parameters: ["SECRET-CAUSE"] }) });
    expect(JSON.stringify(serializeError(error))).not.toContain("SECRET-CAUSE");
  });
});
