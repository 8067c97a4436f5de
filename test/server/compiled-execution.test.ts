import { randomUUID } from "node:crypto";
import { execute, getOperationAST, parse, type ExecutionResult } from "graphql";
import { authenticate } from "../../src/access/access-tokens";
import { buildApiSchema } from "../../src/graphql/schema";
import { compiledExecution } from "../../src/server/compiled-execution";
import { COMPILE_BUDGET_FIELDS, compiledFieldCount } from "../../src/server/compile-budget";
import { fragmentsOf } from "../../src/server/query-cost";
import { graphqlContextFor } from "../../src/server/api-server";
import { useTestApi } from "../support/test-api";

const api = useTestApi();
const schema = buildApiSchema();

/** A request's context as the server makes it for the test API's admin token. */
async function context() {
  const authentication = await authenticate(api.db.stores, `Bearer ${api.token}`);
  if (!authentication.ok) throw new Error(authentication.reason);
  return graphqlContextFor(api, authentication.principal, randomUUID());
}

/** The second answer to the same document: the first is graphql-js's, the second the compiled function's. */
async function compiled(query: string, variables?: Record<string, unknown>, compilations = 1, compileBudget?: number): Promise<ExecutionResult> {
  const execution = compiledExecution(schema, { compileBudget });
  const { executor } = await execution.load({ apollo: { key: undefined, keyHash: undefined, graphRef: undefined } });
  const document = parse(query);
  const run = async () => (await executor!({ document, operation: getOperationAST(document), request: { query, variables }, context: await context() } as never)) as ExecutionResult;
  const first = await run();
  expect(execution.compilations()).toBe(0);
  const second = await run();
  await run();
  expect(execution.compilations()).toBe(compilations);
  expect(seen(second)).toEqual(seen(first));
  return second;
}

async function interpreted(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult> {
  return execute({ schema, document: parse(query), contextValue: await context(), variableValues: variables });
}

/** What a client sees of a result: data, and each error's message, path and code. */
function seen(result: ExecutionResult) {
  return JSON.parse(
    JSON.stringify({
      data: result.data,
      errors: result.errors?.map((error) => ({ message: error.message, path: error.path, code: error.extensions?.code })),
    }),
  );
}

const CASES: Array<[string, string, Record<string, unknown>?]> = [
  [
    "a payment with every relation",
    `query($n: String!) { payment(identifier: { number: $n }) { id number referenceNumber backOfficeCode lifeCycleState issuedOn postedOn amount paymentModel vendorCode
       availableOperations currency { code prefixSymbol minorUnitDigits } currencyRatePeriod { rate inverseRate fromDate toDate }
       reseller { code name } cancellation { number } events { type fromState toState actor } pendingOperation { status } } }`,
    { n: "1001" },
  ],
  ["a payment that is not there", `{ payment(identifier: { number: "NO-SUCH" }) { number } }`],
  [
    "a page with fragments, aliases, __typename, @include and @skip",
    `query($with: Boolean!) { payments(first: 7) { totalCount pageInfo { hasNextPage endCursor }
       edges { cursor node { ...money __typename state: lifeCycleState events(last: 1) @include(if: $with) { type } cancellation @skip(if: $with) { number } } } } }
     fragment money on Payment { amount currency { code } }`,
    { with: true },
  ],
  ["a page filtered by state and vendor", `{ payments(first: 5, filter: { states: [POSTED, PENDING], vendor: CRMCOM }) { totalCount edges { node { number lifeCycleState vendorCode } } } }`],
  ["a resolver's refusal, with its path", `{ payments(first: 500) { totalCount } }`],
  ["an error below a list item", `{ payments(first: 2) { edges { node { number events(last: 1000) { type } } } } }`],
  ["currencies and the rate in force on a day", `{ currencies { code rateAt(date: "2024-06-30") { rate } ratePeriods { fromDate toDate rate } } }`],
  ["the caller", `{ viewer { tokenPrefix roles permissions kind reseller { code } } }`],
  ["operations needing attention", `{ operationsNeedingAttention(first: 5) { id status } }`],
  ["a type by introspection", `{ __type(name: "CancelPaymentResult") { kind possibleTypes { name } } }`],
];

describe("compiled execution answers as graphql-js does", () => {
  it.each(CASES.map(([name, query, variables]) => ({ name, query, variables })))("$name", async ({ query, variables }) => {
    const [fast, reference] = [await compiled(query, variables), await interpreted(query, variables)];
    expect(seen(fast)).toEqual(seen(reference));
    expect(fast.data ?? fast.errors).toBeDefined();
  });

  it("refuses bad variables with graphql-js's own errors, before anything runs", async () => {
    const query = `query($id: PaymentIdentifierInput!) { payment(identifier: $id) { number } }`;
    const before = api.dataSource.sqlLogger.statementCount;
    const result = await compiled(query, { id: { number: "1001", referenceNumber: "R-1" } }, 0);
    // Three token checks (and perhaps the token's last use), but no payment read.
    expect(api.dataSource.sqlLogger.statementCount - before).toBeLessThanOrEqual(4);
    const { errors } = await interpreted(query, { id: { number: "1001", referenceNumber: "R-1" } });
    expect(result.errors?.map((e) => e.message)).toEqual(errors?.map((e) => e.message));
    expect(result.errors?.[0].message).toMatch(/exactly one key/i);
  });
});

describe("the compile budget", () => {
  const fieldCount = (query: string, limit = Number.MAX_SAFE_INTEGER) => {
    const document = parse(query);
    return compiledFieldCount(getOperationAST(document)!, fragmentsOf(document), limit);
  };
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { kind }`).join(" ")} }`;

  it("counts every field and alias, and each fragment in full wherever it is spread", () => {
    expect(fieldCount(`{ payments { totalCount edges { node { number } } } }`)).toBe(5);
    expect(fieldCount(`{ a: payments { ...Page } b: payments { ...Page } } fragment Page on PaymentConnection { edges { node { number amount } } }`)).toBe(2 * (1 + 4));
    expect(fieldCount(`{ payments { edges { node { ... on Payment { number } } } } }`)).toBe(4);
    expect(fieldCount(aliases(1000), COMPILE_BUDGET_FIELDS)).toBeGreaterThan(COMPILE_BUDGET_FIELDS);
    expect(fieldCount(aliases(1000), COMPILE_BUDGET_FIELDS)).toBeLessThan(1000);
  });

  it("never compiles a document over the budget: graphql-js executes it each time, with the same answer", async () => {
    const query = aliases(COMPILE_BUDGET_FIELDS / 2 + 1);
    expect(fieldCount(query)).toBe(COMPILE_BUDGET_FIELDS + 2);
    const result = await compiled(query, undefined, 0);
    expect(seen(result)).toEqual(seen(await interpreted(query)));
    expect((result.data as Record<string, { kind: string }>).a0).toEqual({ kind: "API_KEY" });
  });

  it("compiles a document within the budget, and one over a smaller budget not", async () => {
    const query = aliases(COMPILE_BUDGET_FIELDS / 2);
    expect(fieldCount(query)).toBe(COMPILE_BUDGET_FIELDS);
    expect(seen(await compiled(query))).toEqual(seen(await interpreted(query)));
    expect(seen(await compiled(query, undefined, 0, COMPILE_BUDGET_FIELDS - 1))).toEqual(seen(await interpreted(query)));
  });
});
