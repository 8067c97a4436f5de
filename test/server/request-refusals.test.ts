import { logger } from "../../src/observability/logger";
import { snapshotDatabase } from "../support/test-database";
import { useTestApi } from "../support/test-api";

const api = useTestApi();

/** POST /graphql with an operation name, as a client that picks one operation of a document does. */
async function post(query: string, operationName?: string, variables?: Record<string, unknown>) {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${api.token}` },
    body: JSON.stringify({ query, operationName, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

/**
 * The same request twice (graphql-js executes a document the first time it comes, the compiled
 * function the second): both refused with 400 and the message, nothing logged as an error and
 * nothing changed in the database.
 */
async function expectRefusedTwice(send: () => ReturnType<typeof post>, message: string, code: string) {
  const errorLog = jest.spyOn(logger, "error");
  try {
    const before = await snapshotDatabase(api.dataSource);
    for (const attempt of [1, 2]) {
      const { status, body } = await send();
      expect({ attempt, status, data: body.data, errors: body.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })) }).toEqual({
        attempt,
        status: 400,
        data: undefined,
        errors: [{ message, code }],
      });
    }
    expect(errorLog).not.toHaveBeenCalled();
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  } finally {
    errorLog.mockRestore();
  }
}

const TWO_OPERATIONS = `query Payment { payment(identifier: { number: "1001" }) { number } }
  mutation Void { voidPayment(input: { payment: { number: "1001" } }) { __typename } }`;

describe("an operation name that picks no operation", () => {
  it("names no operation of the document: 400 with graphql-js's message, nothing voided", async () => {
    await expectRefusedTwice(() => post(TWO_OPERATIONS, "Refund"), 'Unknown operation named "Refund".', "OPERATION_RESOLUTION_FAILURE");
  });

  it("names no operation of a one-operation document", async () => {
    await expectRefusedTwice(() => post(`query Payment { payment(identifier: { number: "1001" }) { number } }`, "Payments"), 'Unknown operation named "Payments".', "OPERATION_RESOLUTION_FAILURE");
  });

  it("is missing for a document of several operations: 400, nothing voided", async () => {
    await expectRefusedTwice(() => post(TWO_OPERATIONS), "Must provide operation name if query contains multiple operations.", "OPERATION_RESOLUTION_FAILURE");
  });

  it("that names one of them runs that one, with and without compilation", async () => {
    for (const attempt of [1, 2]) {
      const { status, body } = await post(TWO_OPERATIONS, "Payment");
      expect({ attempt, status, body }).toEqual({ attempt, status: 200, body: { data: { payment: { number: "1001" } } } });
    }
  });
});

describe("null where a non-null value is required", () => {
  const EVENTS = `query($last: Int) { payment(identifier: { number: "1001" }) { events(last: $last) { type } } }`;

  it("a nullable variable given null for a non-null argument with a default: 400 BAD_USER_INPUT", async () => {
    await expectRefusedTwice(() => post(EVENTS, undefined, { last: null }), 'Argument "last" of non-null type "Int!" must not be null.', "BAD_USER_INPUT");
  });

  it("a nullable variable with a default of its own, given null", async () => {
    const query = `query($last: Int = 5) { payment(identifier: { number: "1001" }) { events(last: $last) { type } } }`;
    await expectRefusedTwice(() => post(query, undefined, { last: null }), 'Argument "last" of non-null type "Int!" must not be null.', "BAD_USER_INPUT");
  });

  it("a non-null variable given null: 400 BAD_USER_INPUT", async () => {
    const query = `query($last: Int!) { payment(identifier: { number: "1001" }) { events(last: $last) { type } } }`;
    await expectRefusedTwice(() => post(query, undefined, { last: null }), 'Variable "$last" of non-null type "Int!" must not be null.', "BAD_USER_INPUT");
  });

  it("a nullable variable given null for a non-null directive argument inside a fragment", async () => {
    const query = `query($with: Boolean = true) { payment(identifier: { number: "1001" }) { ...history } }
      fragment history on Payment { events @include(if: $with) { type } }`;
    await expectRefusedTwice(() => post(query, undefined, { with: null }), 'Argument "if" of non-null type "Boolean!" must not be null.', "BAD_USER_INPUT");
  });

  it("a nullable variable with a default given null as an item of a list of non-null states", async () => {
    const query = `query($state: PaymentState = POSTED) { payments(first: 1, filter: { states: [$state] }) { totalCount } }`;
    await expectRefusedTwice(() => post(query, undefined, { state: null }), 'Variable "$state" must not be null where "PaymentState!" is required.', "BAD_USER_INPUT");
  });

  it("the same documents with values are answered", async () => {
    for (const attempt of [1, 2]) {
      const { status, body } = await post(EVENTS, undefined, { last: 1 });
      expect({ attempt, status, events: (body.data as any)?.payment.events.length }).toEqual({ attempt, status: 200, events: expect.any(Number) });
      const omitted = await post(EVENTS);
      expect({ attempt, status: omitted.status, errors: omitted.body.errors }).toEqual({ attempt, status: 200, errors: undefined });
    }
  });
});
