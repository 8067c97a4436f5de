import { useTestApi, type TestApi } from "../support/test-api";

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
