import { gzipSync } from "node:zlib";
import { startTestApi, type TestApi } from "../support/test-api";
import { snapshotDatabase } from "../support/test-database";

let api: TestApi;
beforeAll(async () => {
  // Not production: Express's own error page would print a stack here.
  api = await startTestApi({ NODE_ENV: "development" });
});
afterAll(() => api.close());

async function send(init: RequestInit & { headers?: Record<string, string> }, path = "") {
  const response = await fetch(api.url + path, {
    method: "POST",
    ...init,
    headers: { authorization: `Bearer ${api.token}`, ...init.headers },
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text, headers: response.headers };
}

/** A JSON GraphQL error body with a code, and nothing of a stack. */
function expectGraphQLError(res: { contentType: string; text: string }, code: string) {
  expect(res.contentType).toMatch(/application\/json/);
  const body = JSON.parse(res.text);
  expect(body.errors[0].extensions.code).toBe(code);
  expect(typeof body.errors[0].message).toBe("string");
  expect(res.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|body-parser|stacktrace/);
}

describe("errors before GraphQL answer a JSON GraphQL error, with no stack, in any environment", () => {
  it("malformed JSON: 400 BAD_REQUEST", async () => {
    const res = await send({ headers: { "content-type": "application/json" }, body: '{"query": "{ __typename }"' });
    expect(res.status).toBe(400);
    expectGraphQLError(res, "BAD_REQUEST");
  });

  it("a body over the limit (1 MB, a batch of recordPayments fits): 413 PAYLOAD_TOO_LARGE", async () => {
    const res = await send({ headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }", variables: { x: "y".repeat(1_100_000) } }) });
    expect(res.status).toBe(413);
    expectGraphQLError(res, "PAYLOAD_TOO_LARGE");
  });

  it("an unknown content encoding: 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const res = await send({ headers: { "content-type": "application/json", "content-encoding": "bogus" }, body: "{}" });
    expect(res.status).toBe(415);
    expectGraphQLError(res, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("a gzip body that is not gzip: 400 BAD_REQUEST", async () => {
    const res = await send({ headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: "not gzip at all" });
    expect(res.status).toBe(400);
    expectGraphQLError(res, "BAD_REQUEST");
  });

  it("a real gzip body is still served", async () => {
    const res = await send({ headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: gzipSync(JSON.stringify({ query: "{ __typename }" })) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ data: { __typename: "Query" } });
  });

  it("an unsupported charset: 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const res = await send({ headers: { "content-type": "application/json; charset=klingon" }, body: "{}" });
    expect(res.status).toBe(415);
    expectGraphQLError(res, "UNSUPPORTED_MEDIA_TYPE");
  });

  // body-parser decodes every `utf-*` it knows; JSON is UTF-8 only, and the README says so.
  it.each([
    ["utf-16le", "utf16le"],
    ["UTF-16LE", "utf16le"],
    ["utf-16be", "utf16le"],
    ["utf-16", "utf16le"],
    ["utf-32", "utf8"],
    ['"utf-32le"', "utf8"],
    ["latin1", "latin1"],
    ["iso-8859-1", "latin1"],
    ["utf8", "utf8"],
  ] as const)("a body in charset %s: 415 UNSUPPORTED_MEDIA_TYPE naming it, and nothing runs", async (charset, encoding) => {
    const snapshot = await snapshotDatabase(api.dataSource);
    const mutation = JSON.stringify({ query: `mutation { voidPayment(input: { payment: { number: "1001" } }) { __typename } }` });
    const res = await send({ headers: { "content-type": `application/json; charset=${charset}` }, body: Buffer.from(mutation, encoding) });
    expect(res.status).toBe(415);
    expectGraphQLError(res, "UNSUPPORTED_MEDIA_TYPE");
    expect(JSON.parse(res.text).errors[0].message).toBe(`The charset "${charset.replace(/"/g, "").toLowerCase()}" is not supported: send the body in UTF-8.`);
    expect(await snapshotDatabase(api.dataSource)).toEqual(snapshot);
  });

  it.each(["utf-8", "UTF-8", '"utf-8"'])("a body in charset %s is served", async (charset) => {
    const res = await send({ headers: { "content-type": `application/json; charset=${charset}` }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ data: { __typename: "Query" } });
  });

  it("a content type other than JSON: 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const res = await send({ headers: { "content-type": "text/plain" }, body: "{ __typename }" });
    expect(res.status).toBe(415);
    expectGraphQLError(res, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("a method other than GET or POST: 405 METHOD_NOT_ALLOWED with Allow", async () => {
    const res = await send({ method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
    expectGraphQLError(res, "METHOD_NOT_ALLOWED");
  });

  it("an unknown path: 404 NOT_FOUND as JSON", async () => {
    const res = await send({ method: "GET" }, "/../../nowhere");
    expect(res.status).toBe(404);
    expectGraphQLError(res, "NOT_FOUND");
  });
});

describe("POST /graphql goes straight to GraphQL; every other request through Express", () => {
  const query = JSON.stringify({ query: "{ __typename }" });

  it("answers POST on /graphql, with a query string, and on /graphql/ alike", async () => {
    for (const path of ["", "?from=console", "/"]) {
      const res = await send({ headers: { "content-type": "application/json" }, body: query }, path);
      expect({ path, status: res.status, body: JSON.parse(res.text) }).toEqual({ path, status: 200, body: { data: { __typename: "Query" } } });
    }
  });

  it("answers a GET query on /graphql through the same steps", async () => {
    const res = await send({ method: "GET", headers: { "apollo-require-preflight": "true" } }, `?query=${encodeURIComponent("{ __typename }")}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ data: { __typename: "Query" } });
  });

  it("gives every answer a request id: the caller's, or a new one", async () => {
    const given = await send({ headers: { "content-type": "application/json", "x-request-id": "req-http-1" }, body: query });
    expect(given.headers.get("x-request-id")).toBe("req-http-1");
    const refused = await send({ headers: { "content-type": "text/plain", "x-request-id": "req-http-2" }, body: query });
    expect(refused.status).toBe(415);
    expect(refused.headers.get("x-request-id")).toBe("req-http-2");
    const elsewhere = await send({ method: "GET" }, "/../nowhere");
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const long = await send({ headers: { "content-type": "application/json", "x-request-id": "r".repeat(300) }, body: query });
    expect(long.headers.get("x-request-id")).toBe("r".repeat(100));
  });
});

