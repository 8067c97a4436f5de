import { getVariableValues, parse, validate, type OperationDefinitionNode } from "graphql";
import { buildApiSchema } from "../../src/graphql/schema";
import { useTestApi } from "../support/test-api";

const api = useTestApi({ NODE_ENV: "production", MAX_QUERY_DEPTH: "6", MAX_QUERY_COMPLEXITY: "1500" });

async function post(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${api.token}`, ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe("query limits", () => {
  it("refuses a query nested deeper than the limit before it runs", async () => {
    const before = api.dataSource.sqlLogger.statementCount;
    const res = await api.graphql(`{ payments { edges { node { cancellation { payment { cancellation { payment { number } } } } } } } }`);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", maxDepth: 6 });
    expect(res.errors?.[0].message).toBe("The query is 8 levels deep; at most 6 are allowed. Ask for less nested fields.");
    // Only the token check ran: no payment was read.
    expect(api.dataSource.sqlLogger.statementCount - before).toBeLessThanOrEqual(2);
  });

  it("refuses a query whose estimated cost is above the limit, and accepts a smaller page", async () => {
    const query = `query($first: Int) { payments(first: $first) { edges { node { number events { type actor } } } } }`;
    const big = await api.graphql(query, { first: 100 });
    expect(big.errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", maxComplexity: 1500 });
    expect(big.errors?.[0].message).toMatch(/costs \d+; at most 1500/);
    const small = await api.graphql(query, { first: 5 });
    expect(small.errors).toBeUndefined();
    expect(small.data.payments.edges).toHaveLength(5);
  });

  it("refuses batched requests", async () => {
    const res = await post(JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]));
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/batch/i);
  });

  it("refuses a request body over 1 MB", async () => {
    const res = await post(JSON.stringify({ query: `{ __typename }`, variables: { padding: "x".repeat(1_100_000) } }));
    expect(res.status).toBe(413);
  });

  it("keeps CSRF prevention: a GET query with no header that needs a preflight (no token either) is refused", async () => {
    const response = await fetch(`${api.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { origin: "https://elsewhere.example" } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });
});

describe("production", () => {
  it("switches introspection off by default", async () => {
    const res = await api.graphql(`{ __schema { queryType { name } } }`);
    expect(res.errors?.[0].message).toMatch(/introspection/i);
  });

  it("answers an unexpected failure as INTERNAL_SERVER_ERROR with a request id, and no SQL or stack", async () => {
    await api.dataSource.query(`ALTER TABLE currency RENAME COLUMN decimal_part_name TO decimal_part_label`);
    try {
      const response = await fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${api.token}`, "x-request-id": "req-hardening-1" },
        body: JSON.stringify({ query: `{ currencies { code decimalPartName } }` }),
      });
      const body = (await response.json()) as any;
      expect(body.errors[0]).toEqual({
        message: "Internal server error",
        locations: [{ line: 1, column: 3 }],
        path: ["currencies"],
        extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-hardening-1" },
      });
      expect(JSON.stringify(body)).not.toMatch(/decimal_part|SELECT|stack|at \//);
    } finally {
      await api.dataSource.query(`ALTER TABLE currency RENAME COLUMN decimal_part_label TO decimal_part_name`);
    }
  });
});

describe("production: refusals suggest nothing from the schema", () => {
  const schema = buildApiSchema();
  /** graphql-js's own refusal of the query or of its variables, as it says it outside production. */
  function suggested(query: string, variables: Record<string, unknown>): string[] {
    const document = parse(query);
    const invalid = validate(schema, document);
    if (invalid.length) return invalid.map((error) => error.message);
    const operation = document.definitions[0] as OperationDefinitionNode;
    return (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors ?? []).map((error) => error.message);
  }

  it.each([
    ["an unknown field", `{ payments { edgez { cursor } } }`, {}, '"edges"'],
    ["an unknown argument", `{ payments(frist: 1) { totalCount } }`, {}, '"first"'],
    ["an unknown type of a variable", `query($id: PaymentIdentifierInpt!) { payment(identifier: $id) { number } }`, { id: { number: "1001" } }, '"PaymentIdentifierInput"'],
    ["an unknown enum value in the query", `{ payments(filter: { states: [POSTD] }) { totalCount } }`, {}, '"POSTED"'],
    ["an unknown input field in the query", `{ payment(identifier: { numbr: "1001" }) { number } }`, {}, '"number"'],
    ["an unknown enum value in a variable", `query($states: [PaymentState!]) { payments(filter: { states: $states }) { totalCount } }`, { states: ["POSTD"] }, '"POSTED"'],
    ["an unknown input field in a variable", `query($id: PaymentIdentifierInput!) { payment(identifier: $id) { number } }`, { id: { numbr: "1001" } }, '"number"'],
  ])("%s", async (_name, query, variables, suggestion) => {
    expect(suggested(query, variables).join(" ")).toContain(`Did you mean`);
    expect(suggested(query, variables).join(" ")).toContain(suggestion);
    const before = api.dataSource.sqlLogger.statementCount;
    const res = await api.graphql(query, variables);
    expect(res.status).toBe(400);
    expect(["GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"]).toContain(res.errors?.[0].extensions?.code);
    const messages = res.errors!.map((error) => error.message).join(" ");
    expect(messages).toMatch(/is not defined|Unknown|Cannot query|does not exist/);
    expect(messages).not.toContain("Did you mean");
    expect(messages).not.toContain(suggestion);
    expect(res.data).toBeUndefined();
    // Only the token check ran.
    expect(api.dataSource.sqlLogger.statementCount - before).toBeLessThanOrEqual(2);
  });
});
