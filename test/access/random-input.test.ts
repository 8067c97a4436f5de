import fc from "fast-check";
import { snapshotDatabase } from "../support/test-database";
import { useTestApi } from "../support/test-api";
import { CANCEL_MUTATION, VOID_MUTATION } from "../support/operations";

const api = useTestApi();

const RUNS = 600;

/** No answer may be an internal error, whatever the input. */
function expectNoInternalError(res: { status: number; errors?: Array<{ extensions?: Record<string, unknown> }> }): void {
  expect(res.status).toBeLessThan(500);
  for (const error of res.errors ?? []) expect(error.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
}

const scalarLike = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.double(),
  fc.integer(),
  fc.constantFrom("", "0", "-0", "1e5", "NaN", "2024-02-30", "9999-12-31", "00000000-0000-0000-0000-000000000000", "'; DROP TABLE payment; --"),
  // NUL characters and the edges of PostgreSQL's date range
  fc.constantFrom("\u0000", "10\u000001", "BO-\u0000", "0000-01-01", "0000-12-31", "0001-01-01", "10000-01-01", "-000001-01-01"),
  fc.constantFrom("0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-01:00", "+275760-09-13T00:00:00Z"),
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`),
  fc.constant(null),
  fc.boolean(),
);

describe("random input never breaks the API nor changes payments", () => {
  let before: Record<string, unknown[]>;
  beforeAll(async () => {
    before = await snapshotDatabase(api.dataSource);
  });
  afterAll(async () => {
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });

  it("identifiers", async () => {
    const field = fc.constantFrom("id", "number", "referenceNumber", "backOfficeCode", "other");
    await fc.assert(
      fc.asyncProperty(fc.dictionary(field, scalarLike, { maxKeys: 3 }), async (identifier) => {
        expectNoInternalError(await api.graphql(`query($i: PaymentIdentifierInput!) { payment(identifier: $i) { id } }`, { i: identifier }));
      }),
      { numRuns: RUNS },
    );
  });

  it("filters, page sizes and cursors", async () => {
    const filter = fc.record(
      { states: fc.array(fc.oneof(fc.constantFrom("DRAFT", "POSTED"), fc.string())), amountMin: scalarLike, amountMax: scalarLike, issuedFrom: scalarLike, currencyCode: scalarLike, resellerCode: scalarLike },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(filter, fc.oneof(fc.integer(), fc.constant(null), fc.double()), fc.oneof(fc.string(), fc.base64String(), fc.constant(null)), async (f, first, after) => {
        expectNoInternalError(
          await api.graphql(`query($f: PaymentFilter, $first: Int, $after: String) { payments(filter: $f, first: $first, after: $after) { totalCount } }`, { f, first, after }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("mutation inputs, refused without side effects (unknown payments only)", async () => {
    const input = fc.record(
      {
        payment: fc.record({ number: fc.string({ minLength: 1, maxLength: 70 }).map((s) => `zz-${s}`) }),
        idempotencyKey: scalarLike,
        type: fc.dictionary(fc.constantFrom("id", "name", "alternativeCode"), scalarLike, { maxKeys: 2 }),
        udfFloat1: scalarLike,
        udfDate1: scalarLike,
        notes: scalarLike,
      },
      { requiredKeys: ["payment"] },
    );
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        expectNoInternalError(await api.graphql(CANCEL_MUTATION, { input: i }));
        expectNoInternalError(await api.graphql(VOID_MUTATION, { input: { payment: i.payment, idempotencyKey: i.idempotencyKey } }));
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("currency codes and rate dates, NUL and range edges included", async () => {
    await fc.assert(
      fc.asyncProperty(scalarLike, scalarLike, async (code, date) => {
        expectNoInternalError(await api.graphql(`query($c: String!, $d: Date!) { currency(code: $c) { code rateAt(date: $d) { rate } } }`, { c: code, d: date }));
        expectNoInternalError(await api.graphql(`query($d: Date!) { currency(code: "USD") { rateAt(date: $d) { rate } } }`, { d: date }));
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("nested and malformed query documents", async () => {
    const leaf = fc.constantFrom("id", "number", "amount", "__typename", "nope", "lifeCycleState");
    const selection: fc.Arbitrary<string> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.tuple(fc.constantFrom("currency", "cancellation", "events", "payment", "reseller", "edges", "node"), fc.array(tie("node"), { minLength: 1, maxLength: 3 })).map(
          ([name, inner]) => `${name} { ${inner.join(" ")} }`,
        ),
      ),
    })).node;
    await fc.assert(
      fc.asyncProperty(fc.array(selection, { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 5 }), async (parts, noise) => {
        expectNoInternalError(await api.graphql(`{ payments(first: 3) { edges { node { ${parts.join(" ")} } } } }${noise}`));
      }),
      { numRuns: RUNS },
    );
  });
});
