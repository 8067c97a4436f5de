import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../console/browser";
import { CONTENT_SECURITY_POLICY } from "../../src/server/security-headers";
import { startTestApi, type TestApi } from "../support/test-api";


let api: TestApi;
let browser: Browser;
let origin: string;
beforeAll(async () => {
  api = await startTestApi({ GRAPHQL_EXPLORER: "true" });
  origin = new URL(api.url).origin;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

function expectSecurityHeaders(headers: Headers, what: string): void {
  expect({ what, csp: headers.get("content-security-policy") }).toEqual({ what, csp: CONTENT_SECURITY_POLICY });
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe("no-referrer");
  expect(headers.get("x-frame-options")).toBe("DENY");
}

describe("security headers", () => {
  it("forbid inline script and framing in the policy itself", () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe-inline");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe-eval");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it("are on every answer: pages, files, GraphQL answers and refusals, health, 404s, preflights and metrics", async () => {
    const graphql = (init: RequestInit) => fetch(api.url, init);
    const json = { "content-type": "application/json" };
    const answers: Array<[string, Promise<Response>]> = [
      ["explorer page", fetch(api.url, { headers: { accept: "text/html" } })],
      ["explorer script", fetch(`${origin}/explorer/start.js`)],
      ["console page", fetch(`${origin}/console`)],
      ["query", graphql({ method: "POST", headers: { ...json, authorization: `Bearer ${api.token}` }, body: JSON.stringify({ query: "{ viewer { roles } }" }) })],
      ["no token", graphql({ method: "POST", headers: json, body: JSON.stringify({ query: "{ viewer { roles } }" }) })],
      ["bad JSON", graphql({ method: "POST", headers: json, body: "{" })],
      ["wrong charset", graphql({ method: "POST", headers: { "content-type": "application/json; charset=utf-16le" }, body: "{}" })],
      ["GET query", fetch(`${api.url}?query=${encodeURIComponent("{ viewer { roles } }")}`, { headers: { authorization: `Bearer ${api.token}` } })],
      ["preflight", graphql({ method: "OPTIONS", headers: { origin: "https://elsewhere.example", "access-control-request-method": "POST" } })],
      ["liveness", fetch(`${origin}/health/live`)],
      ["readiness", fetch(`${origin}/health/ready`)],
      ["not found", fetch(`${origin}/nothing-here`)],
    ];
    for (const [what, answer] of answers) expectSecurityHeaders((await answer).headers, what);

    expectSecurityHeaders((await fetch(api.metricsUrl)).headers, "metrics");
  });
});

/** Violations of the page's Content-Security-Policy, as the page itself reports them. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) logged.push(message.text());
  });
  await page.addInitScript({
    content: `window.__violations = []; document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(event.violatedDirective + " " + event.blockedURI));`,
  });
  return async () => [...logged, ...(await page.evaluate<string[]>("window.__violations"))];
}

describe("in Chromium", () => {
  it("the operator console works with no violation of the policy", async () => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    try {
      await page.goto(`${origin}/console`);
      await page.getByLabel("Access token").fill(api.token);
      await page.keyboard.press("Enter");
      await page.getByTestId("page-summary").filter({ hasText: /of 35 payments/ }).waitFor({ timeout: 20_000 });
      await page.getByRole("link", { name: "1026", exact: true }).click();
      await page.getByRole("heading", { name: /Payment 1026/ }).waitFor({ timeout: 20_000 });
      expect(await violations()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the explorer runs a query with no violation of the policy", async () => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    try {
      await page.goto(api.url, { waitUntil: "load" });
      await page.locator(".graphiql-container").waitFor({ timeout: 20_000 });
      await page.locator(`.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden) .CodeMirror`).first().evaluate((element, value) => {
        (element as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(value);
      }, JSON.stringify({ authorization: `Bearer ${api.token}` }));
      await page.locator(".graphiql-query-editor .CodeMirror").first().evaluate((element) => {
        (element as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(`{ payment(identifier: { number: "1001" }) { number vendorCode } }`);
      });
      await page.locator(".graphiql-execute-button").click();
      await page.locator(".graphiql-response", { hasText: "CONVERGEGATE" }).waitFor({ timeout: 20_000 });
      await page.getByRole("button", { name: /re-fetch graphql schema/i }).click();
      await page.getByRole("button", { name: /show documentation explorer/i }).click();
      await page.locator(".graphiql-doc-explorer").getByText("Query", { exact: true }).first().waitFor({ timeout: 20_000 });
      expect(await violations()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("a page on another origin cannot frame the console or the explorer", async () => {
    const framing: Server = createServer((_req, res) => {
      res.setHeader("content-type", "text/html");
      res.end(`<!doctype html><iframe id="console" src="${origin}/console"></iframe><iframe id="explorer" src="${api.url}"></iframe>`);
    });
    await new Promise<void>((resolve) => framing.listen(0, "127.0.0.1", resolve));
    const page = await browser.newPage();
    const refusals: string[] = [];
    page.on("console", (message) => refusals.push(message.text()));
    try {
      await page.goto(`http://127.0.0.1:${(framing.address() as AddressInfo).port}/`, { waitUntil: "load" });
      await page.waitForTimeout(500);
      const frames = page.frames().filter((frame) => frame !== page.mainFrame());
      expect(frames).toHaveLength(2);
      for (const frame of frames) {
        // A refused frame is left on Chromium's error page: none of the API's page is in it.
        expect(frame.url()).not.toMatch(new RegExp(`^${origin}`));
        expect(await frame.locator("#root, #graphiql").count()).toBe(0);
      }
      expect(refusals.filter((text) => /frame-ancestors 'none'/.test(text))).toHaveLength(2);
    } finally {
      await page.close();
      await new Promise((resolve) => framing.close(resolve));
    }
  });
});
