import express from "express";
import { isGraphqlPost } from "../../src/server/graphql-http";
import { useTestApi } from "../support/test-api";

/**
 * The two ways into /graphql: POST /graphql goes straight to the /graphql steps on Node's own
 * request and response; every other request to /graphql (here POST /graphql/, GET, OPTIONS, PUT)
 * through Express's route. Both run the one list of steps (CORS, the guard, the JSON body,
 * Apollo Server), so each answers the same request alike, header for header.
 */

const FRONTEND = "http://localhost:5173";
// Each Express application calls its `handle`; counting its calls tells which way a request took.
const expressHandled = jest.spyOn(express.application as unknown as { handle(...args: unknown[]): void }, "handle");
const api = useTestApi({ CORS_ORIGINS: FRONTEND });

/** The headers either way could set, and the body. */
const HEADERS = ["content-type", "content-length", "x-request-id", "allow", "vary", "access-control-allow-origin", "access-control-expose-headers", "access-control-allow-credentials"];

type Sent = Omit<RequestInit, "headers"> & { headers: Record<string, string> };

interface Answer {
  way: "fast path" | "Express";
  status: number;
  headers: Record<string, string | null>;
  body: string;
}

async function sendBy(path: string, init: Sent): Promise<Answer> {
  const before = expressHandled.mock.calls.length;
  const response = await fetch(new URL(path, api.url), { method: "POST", ...init });
  const body = await response.text();
  return {
    way: expressHandled.mock.calls.length > before ? "Express" : "fast path",
    status: response.status,
    headers: Object.fromEntries(HEADERS.map((name) => [name, response.headers.get(name)])),
    body,
  };
}

/** The same request on POST /graphql (the fast path) and on POST /graphql/ (Express's route): both answers, less the way. */
async function bothWays(init: Sent) {
  const given = { ...init, headers: { "x-request-id": "ways-in", ...init.headers } };
  const fast = await sendBy("/graphql", given);
  const viaExpress = await sendBy("/graphql/", given);
  expect([fast.way, viaExpress.way]).toEqual(["fast path", "Express"]);
  const { way: _fast, ...fastAnswer } = fast;
  const { way: _express, ...expressAnswer } = viaExpress;
  expect(expressAnswer).toEqual(fastAnswer);
  return fastAnswer;
}

const QUERY = JSON.stringify({ query: `{ payment(identifier: { number: "1001" }) { number } }` });

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { origin: FRONTEND, "content-type": "application/json", authorization: `Bearer ${api.token}`, ...extra };
}

function errorOf(answer: { body: string }) {
  const { errors } = JSON.parse(answer.body) as { errors: Array<{ message: string; extensions: { code: string } }> };
  return errors.map((error) => ({ message: error.message, code: error.extensions.code }));
}

describe("which requests take the fast path", () => {
  it("POST on /graphql itself, with or without a query string; nothing else", () => {
    const fast = (method: string, url: string) => isGraphqlPost({ method, url });
    expect([fast("POST", "/graphql"), fast("POST", "/graphql?from=console")]).toEqual([true, true]);
    expect([fast("POST", "/graphql/"), fast("POST", "/graphqlx"), fast("GET", "/graphql"), fast("OPTIONS", "/graphql"), fast("PUT", "/graphql")]).toEqual([false, false, false, false, false]);
  });
});

describe("both ways into /graphql run the same steps in the same order", () => {
  it("a query from a listed origin: the same answer, CORS headers and request id", async () => {
    const answer = await bothWays({ headers: headers({ "x-request-id": "ways-in-1" }), body: QUERY });
    expect({ status: answer.status, body: JSON.parse(answer.body) }).toEqual({ status: 200, body: { data: { payment: { number: "1001" } } } });
    expect(answer.headers).toMatchObject({ "x-request-id": "ways-in-1", "access-control-allow-origin": FRONTEND, "access-control-expose-headers": "x-request-id", vary: "Origin" });
  });

  it("a content type other than JSON: 415 from the guard, after CORS and before the body is read", async () => {
    // Not JSON and over the body limit: the guard refuses it before the body step could.
    const answer = await bothWays({ headers: headers({ "content-type": "text/plain", "x-request-id": "ways-in-2" }), body: "{".repeat(200_000) });
    expect(answer.status).toBe(415);
    expect(answer.headers).toMatchObject({ "x-request-id": "ways-in-2", "access-control-allow-origin": FRONTEND });
    expect(errorOf(answer)).toEqual([{ message: "Send the request as `Content-Type: application/json`.", code: "UNSUPPORTED_MEDIA_TYPE" }]);
  });

  it("a body over 1 MB: 413 from the body step, before Apollo Server", async () => {
    const answer = await bothWays({ headers: headers(), body: JSON.stringify({ query: "{ __typename }", variables: { x: "y".repeat(1_100_000) } }) });
    expect(answer.status).toBe(413);
    expect(answer.headers["access-control-allow-origin"]).toBe(FRONTEND);
    expect(errorOf(answer)).toEqual([{ message: "The request body is larger than the limit.", code: "PAYLOAD_TOO_LARGE" }]);
  });

  it("a body that is not JSON: 400 from the body step", async () => {
    const answer = await bothWays({ headers: headers(), body: '{"query": "{ __typename }"' });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toEqual([{ message: "The request body is not valid JSON.", code: "BAD_REQUEST" }]);
  });

  it("no token: 401 from Apollo Server, the last step", async () => {
    const answer = await bothWays({ headers: headers({ authorization: "" }), body: QUERY });
    expect(answer.status).toBe(401);
    expect(errorOf(answer)).toEqual([{ message: "Send a token as `Authorization: Bearer <token>`.", code: "UNAUTHENTICATED" }]);
  });

  it("a new request id either way when the caller gives none", async () => {
    const fast = await sendBy("/graphql", { headers: headers(), body: QUERY });
    const viaExpress = await sendBy("/graphql/", { headers: headers(), body: QUERY });
    expect([fast.way, viaExpress.way]).toEqual(["fast path", "Express"]);
    for (const answer of [fast, viaExpress]) expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(fast.headers["x-request-id"]).not.toBe(viaExpress.headers["x-request-id"]);
  });

  it("requests only Express takes end in the same steps: CORS on a GET query, a preflight and a refused method", async () => {
    const get = await sendBy(`/graphql?query=${encodeURIComponent("{ __typename }")}`, { method: "GET", headers: headers({ "apollo-require-preflight": "true" }) });
    expect({ way: get.way, status: get.status, body: JSON.parse(get.body) }).toEqual({ way: "Express", status: 200, body: { data: { __typename: "Query" } } });
    expect(get.headers["access-control-allow-origin"]).toBe(FRONTEND);

    const preflight = await sendBy("/graphql", { method: "OPTIONS", headers: { origin: FRONTEND, "access-control-request-method": "POST" } });
    expect(preflight).toMatchObject({ way: "Express", status: 204 });
    expect(preflight.headers["access-control-allow-origin"]).toBe(FRONTEND);

    const put = await sendBy("/graphql", { method: "PUT", headers: headers(), body: QUERY });
    expect(put).toMatchObject({ way: "Express", status: 405 });
    expect(put.headers).toMatchObject({ allow: "GET, POST", "access-control-allow-origin": FRONTEND });
  });
});
