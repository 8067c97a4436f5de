import { request } from "node:http";
import { auditServer } from "graphql-http";
import { prefersLegacyJson } from "../../src/server/graphql-over-http";
import { useTestApi } from "../support/test-api";

const api = useTestApi();

const JSON_TYPE = "application/json";
const GRAPHQL_RESPONSE = "application/graphql-response+json";

type Answer = { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };

/**
 * A POST /graphql with the admin token, asking for the given media type; with none, no Accept
 * header at all (fetch would add `*\/*`), so the request goes out through node:http as written.
 */
function post(body: unknown, accept?: string): Promise<{ status: number; contentType: string; answer: Answer }> {
  const headers: Record<string, string> = { "content-type": JSON_TYPE, authorization: `Bearer ${api.token}`, ...(accept ? { accept } : {}) };
  return new Promise((resolve, reject) => {
    const req = request(api.url, { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: res.headers["content-type"] ?? "", answer: JSON.parse(text) as Answer }));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

describe("GraphQL over HTTP (graphql-http's audit of the specification)", () => {
  it("passes all 61 audits, MUST, SHOULD and MAY, none with a warning or notice", async () => {
    const results = await auditServer({
      url: api.url,
      // Every request of the API needs a token; the audit sends none of its own.
      fetchFn: (input: string | URL | Request, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        headers.set("authorization", `Bearer ${api.token}`);
        return fetch(input, { ...init, headers });
      },
    });
    expect(results).toHaveLength(61);
    const notOk = results.flatMap((result) => (result.status === "ok" ? [] : [`${result.id} ${result.name}: ${result.status}, ${result.reason}`]));
    expect(notOk).toEqual([]);
  }, 60_000);
});

describe("status of a request error, by the media type the client asked for", () => {
  const requestErrors: Array<[string, unknown, string]> = [
    ["a document that does not parse", { query: "{ payment(" }, "GRAPHQL_PARSE_FAILED"],
    ["a document that does not validate", { query: "{ nothingHere }" }, "GRAPHQL_VALIDATION_FAILED"],
    ["variables that do not coerce", { query: "query ($n: String!) { payment(identifier: { number: $n }) { id } }", variables: { n: 7 } }, "BAD_USER_INPUT"],
    ["an operation name the document lacks", { query: "query A { __typename }", operationName: "B" }, "OPERATION_RESOLUTION_FAILURE"],
  ];

  it.each(requestErrors)("%s: 200 with the error for application/json, 400 for application/graphql-response+json", async (_name, body, code) => {
    const legacy = await post(body, JSON_TYPE);
    expect([legacy.status, legacy.contentType, legacy.answer.errors?.[0]?.extensions?.code, legacy.answer.data]).toEqual([200, expect.stringContaining(JSON_TYPE), code, undefined]);
    const current = await post(body, `${GRAPHQL_RESPONSE}, ${JSON_TYPE};q=0.9`);
    expect([current.status, current.contentType, current.answer.errors?.[0]?.extensions?.code]).toEqual([400, expect.stringContaining(GRAPHQL_RESPONSE), code]);
  });

  it("stays 400 for a client that names no media type (no Accept, */*), as curl and fetch send", async () => {
    for (const accept of [undefined, "*/*"]) {
      const { status, answer } = await post({ query: "{ nothingHere }" }, accept);
      expect([accept, status, answer.errors?.[0]?.extensions?.code]).toEqual([accept, 400, "GRAPHQL_VALIDATION_FAILED"]);
    }
  });

  it("keeps the status of refusals outside GraphQL for application/json: a missing token is 401", async () => {
    const response = await fetch(api.url, { method: "POST", headers: { "content-type": JSON_TYPE, accept: JSON_TYPE }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(response.status).toBe(401);
  });

  it("answers a query that runs with 200 in either media type", async () => {
    for (const accept of [JSON_TYPE, GRAPHQL_RESPONSE]) {
      const { status, answer } = await post({ query: `{ payment(identifier: { number: "1001" }) { number } }` }, accept);
      expect([status, answer]).toEqual([200, { data: { payment: { number: "1001" } } }]);
    }
  });
});

describe("prefersLegacyJson", () => {
  it.each([
    [JSON_TYPE, true],
    ["Application/JSON; charset=utf-8", true],
    [`${GRAPHQL_RESPONSE};q=0.5, ${JSON_TYPE}`, true],
    [`${GRAPHQL_RESPONSE}, ${JSON_TYPE};q=0.9`, false],
    [`${GRAPHQL_RESPONSE}, application/graphql+json, ${JSON_TYPE}, text/event-stream, multipart/mixed`, false],
    ["*/*", false],
    ["application/*", false],
    [`${JSON_TYPE};q=0`, false],
    [undefined, false],
  ])("Accept %s: %s", (accept, legacy) => {
    expect(prefersLegacyJson(accept)).toBe(legacy);
  });
});
