import { permissionsOf } from "../../src/access/roles";
import { PaymentState } from "../../src/domain/enums";
import { cancelPayment } from "../../src/operations/cancel-payment";
import { OperationResolution } from "../../src/operations/commands/resolve-operation-command";
import type { OperationActor } from "../../src/operations/operation-actor";
import { resolveOperation } from "../../src/operations/resolve-operation";
import { voidPayment } from "../../src/operations/void-payment";
import { CANCEL_MUTATION, demoPayment, PAYMENT_TYPE } from "../support/operations";
import { useTestApi } from "../support/test-api";
import { snapshotDatabase } from "../support/test-database";

/**
 * Commands are refused by their own rules in the operations layer, whatever the transport: a
 * plain object refused without GraphQL exactly as the same input is refused through it.
 */
const api = useTestApi();
const ADMIN: OperationActor = { name: "test-admin", resellerId: null, idempotencyScope: "commands", reach: { resellerIds: "all" }, permissions: permissionsOf(["admin"]) };

const payment = demoPayment("crmcom", PaymentState.POSTED);
const BAD_CANCEL = { payment: { number: payment.number }, type: PAYMENT_TYPE, notes: "x".repeat(5000), idempotencyKey: "has a space" };

function fieldsOf(result: object): string[] {
  return ((result as { fieldErrors?: Array<{ field: string }> }).fieldErrors ?? []).map((error) => error.field).sort();
}

describe("a plain command, without GraphQL", () => {
  it("with 5,000-character notes and a spaced idempotency key is refused with both fields named, and nothing changes", async () => {
    const before = await snapshotDatabase(api.dataSource);
    const result = await api.operations.run(cancelPayment, BAD_CANCEL, ADMIN);
    expect(result).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    expect(fieldsOf(result)).toEqual(["idempotencyKey", "notes"]);
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });

  it("is refused the same way through GraphQL", async () => {
    const before = await snapshotDatabase(api.dataSource);
    const res = await api.graphql(CANCEL_MUTATION, { input: BAD_CANCEL });
    expect(res.data.cancelPayment.__typename).toBe("ValidationError");
    expect(fieldsOf(res.data.cancelPayment)).toEqual(fieldsOf(await api.operations.run(cancelPayment, BAD_CANCEL, ADMIN)));
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });

  it.each([
    ["an identifier giving two fields", { payment: { number: payment.number, referenceNumber: payment.referenceNumber } }, ["payment"]],
    ["an identifier giving none", { payment: {} }, ["payment"]],
    ["an identifier field too long", { payment: { number: "9".repeat(65) } }, ["payment.number"]],
    ["a day that does not exist", { payment: { number: payment.number }, udfDate1: "2025-02-30" }, ["udfDate1"]],
    ["a day of year 0", { payment: { number: payment.number }, udfDate2: "0000-01-01" }, ["udfDate2"]],
    ["a decimal with 11 decimals", { payment: { number: payment.number }, udfFloat2: "1.00000000001" }, ["udfFloat2"]],
    ["a type naming two fields", { payment: { number: payment.number }, typeOverride: { name: "Payment Cancellation", id: "00000000-0000-0000-0000-000000000000" } }, ["type"]],
  ])("with %s is refused, naming the field", async (_what, given, fields) => {
    const { typeOverride, ...rest } = given as Record<string, unknown>;
    const command = { type: typeOverride ?? PAYMENT_TYPE, ...rest } as never;
    const before = await snapshotDatabase(api.dataSource);
    const result = await api.operations.run(cancelPayment, command, ADMIN);
    expect(result).toMatchObject({ __typename: "ValidationError" });
    expect(fieldsOf(result)).toEqual(fields);
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });

  it("that is good runs: a plain void is done", async () => {
    const authorized = demoPayment("convergegate", PaymentState.AUTHORIZED);
    const result = await api.operations.run(voidPayment, { payment: { number: authorized.number } }, ADMIN);
    expect(result).toMatchObject({ __typename: "VoidPaymentSuccess", payment: { lifeCycleState: PaymentState.CANCELLED } });
  });
});

describe("resolveOperation", () => {
  it("answers a note too long as ValidationError data, plain or through GraphQL, changing nothing", async () => {
    const before = await snapshotDatabase(api.dataSource);
    const plain = await resolveOperation(api.db, api.vendors, { operationId: "00000000-0000-0000-0000-000000000000", outcome: OperationResolution.FAILED, note: "n".repeat(1001) }, ADMIN);
    expect(plain).toMatchObject({ __typename: "ValidationError" });
    expect(fieldsOf(plain)).toEqual(["note"]);
    const res = await api.graphql(
      `mutation($input: ResolveOperationInput!) { resolveOperation(input: $input) { __typename ... on ValidationError { fieldErrors { field message } } } }`,
      { input: { operationId: "00000000-0000-0000-0000-000000000000", outcome: "FAILED", note: "n".repeat(1001) } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.resolveOperation.__typename).toBe("ValidationError");
    expect(fieldsOf(res.data.resolveOperation)).toEqual(["note"]);
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });
});
