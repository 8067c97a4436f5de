import { loadConfig, ConfigError } from "../../src/config";
import { startTestApi, type TestApi } from "../support/test-api";

const FRONTEND = "http://localhost:5173";

function preflight(url: string, origin: string) {
  return fetch(url, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
  });
}

describe("CORS for browser frontends", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ CORS_ORIGINS: `${FRONTEND}, https://console.example.com` });
  });
  afterAll(() => api.close());

  it("answers a preflight from a listed origin, allowing Authorization and content-type", async () => {
    const response = await preflight(api.url, FRONTEND);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(FRONTEND);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")?.split(",")).toEqual(expect.arrayContaining(["authorization", "content-type"]));
    expect(response.headers.get("vary")).toMatch(/origin/i);
  });

  it("gives a preflight from any other origin no access-control-allow-origin", async () => {
    for (const origin of ["http://localhost:5174", "https://evil.example.com", "http://localhost"]) {
      const response = await preflight(api.url, origin);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("lets the listed origin read the answer of a POST, with its token", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { origin: FRONTEND, "content-type": "application/json", authorization: `Bearer ${api.token}` },
      body: JSON.stringify({ query: `{ payment(identifier: { number: "1001" }) { number } }` }),
    });
    expect(response.headers.get("access-control-allow-origin")).toBe(FRONTEND);
    expect(await response.json()).toEqual({ data: { payment: { number: "1001" } } });
  });

  const getQuery = (headers: Record<string, string>) => fetch(`${api.url}?query=${encodeURIComponent("{ viewer { tokenPrefix } }")}`, { headers: { origin: FRONTEND, ...headers } });

  it("keeps CSRF prevention on: a simple GET query (no header a page must preflight, as a link or image sends it) is refused", async () => {
    const response = await getQuery({});
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });

  it("runs a GET query that carries the bearer token, a header only a preflighted request has (urql's default)", async () => {
    const response = await getQuery({ authorization: `Bearer ${api.token}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { viewer: { tokenPrefix: api.token.split("_").slice(0, 2).join("_") } } });
  });

  it("refuses a mutation sent as a GET, even with the token: 405, nothing voided", async () => {
    const mutation = `mutation { voidPayment(input: { payment: { number: "1002" } }) { __typename } }`;
    const response = await fetch(`${api.url}?query=${encodeURIComponent(mutation)}`, { headers: { authorization: `Bearer ${api.token}` } });
    expect(response.status).toBe(405);
    expect((await api.graphql(`{ payment(identifier: { number: "1002" }) { lifeCycleState } }`)).data).toEqual({ payment: { lifeCycleState: "AUTHORIZED" } });
  });

  it("runs nothing for credentials a browser adds by itself (HTTP Basic): past CSRF prevention, refused as UNAUTHENTICATED", async () => {
    const response = await getQuery({ authorization: `Basic ${Buffer.from("user:secret").toString("base64")}` });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
    expect([body.data, body.errors[0].extensions.code]).toEqual([undefined, "UNAUTHENTICATED"]);
  });
});

describe("CORS by default", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it("allows no origin", async () => {
    const response = await preflight(api.url, FRONTEND);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("CORS_ORIGINS", () => {
  it("takes a comma-separated list of exact origins, empty by default", () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: "https://a.example.com,http://localhost:5173" }).corsOrigins).toEqual([
      "https://a.example.com",
      "http://localhost:5173",
    ]);
  });

  it("refuses anything that is not an exact origin", () => {
    for (const value of ["*", "https://a.example.com/", "a.example.com", "https://a.example.com/app"]) {
      expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(ConfigError);
    }
  });
});
