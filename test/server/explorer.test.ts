import type { Browser } from "playwright-core";
import { launchChromium } from "../console/browser";
import { startTestApi, type TestApi } from "../support/test-api";


let api: TestApi;
let browser: Browser;
beforeAll(async () => {
  api = await startTestApi();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** Sets the text of one of GraphiQL's CodeMirror editors. */
async function setEditor(page: import("playwright-core").Page, selector: string, text: string) {
  await page.locator(`${selector} .CodeMirror`).first().evaluate((element, value) => {
    (element as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(value);
  }, text);
}

async function responseText(page: import("playwright-core").Page): Promise<string> {
  return page.locator(".graphiql-response .CodeMirror").first().evaluate((element) => {
    return (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue();
  });
}

describe("the explorer on GET /graphql", () => {
  it("loads GraphiQL with nothing from another origin, runs a typed query with a token and a mutation, and shows the docs", async () => {
    const origin = new URL(api.url).origin;
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    try {
      await page.goto(api.url, { waitUntil: "load" });
      await page.locator(".graphiql-container").waitFor({ timeout: 20000 });

      // The token goes into the Headers tab.
      await setEditor(page, `.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden)`, JSON.stringify({ authorization: `Bearer ${api.token}` }));

      // A query typed into the editor runs with the token and its answer shows.
      await page.locator(".graphiql-query-editor .CodeMirror").first().click();
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Delete");
      await page.keyboard.insertText(`{ payment(identifier: { number: "1001" }) { number lifeCycleState vendorCode } }`);
      await page.locator(".graphiql-execute-button").click();
      await page.locator(".graphiql-response", { hasText: "AUTHORIZED" }).waitFor({ timeout: 20000 });
      expect(JSON.parse(await responseText(page))).toEqual({
        data: { payment: { number: "1001", lifeCycleState: "AUTHORIZED", vendorCode: "CONVERGEGATE" } },
      });

      // A mutation shows the union member it answered with.
      await setEditor(
        page,
        ".graphiql-query-editor",
        `mutation { voidPayment(input: { payment: { number: "1001" } }) { __typename ... on VoidPaymentSuccess { payment { lifeCycleState } } ... on Error { code } } }`,
      );
      await page.locator(".graphiql-execute-button").click();
      await page.locator(".graphiql-response", { hasText: "VoidPaymentSuccess" }).waitFor({ timeout: 20000 });
      expect(JSON.parse(await responseText(page))).toEqual({
        data: { voidPayment: { __typename: "VoidPaymentSuccess", payment: { lifeCycleState: "CANCELLED" } } },
      });

      // With the token, the schema is fetched again; the docs show it, union members included.
      await page.getByRole("button", { name: /re-fetch graphql schema/i }).click();
      await page.getByRole("button", { name: /show documentation explorer/i }).click();
      await page.locator(".graphiql-doc-explorer").getByText("Query", { exact: true }).first().waitFor({ timeout: 20000 });
      const search = page.locator(".graphiql-doc-explorer-search-input input");
      await search.fill("VoidPaymentResult");
      await page.locator(".graphiql-doc-explorer-search [role=option]").filter({ hasText: "VoidPaymentResult" }).first().click();
      await page.locator(".graphiql-doc-explorer").getByText("VoidPaymentSuccess").first().waitFor({ timeout: 20000 });

      expect(requested.length).toBeGreaterThan(4);
      expect(requested.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("subscribes over graphql-ws with the token of the Headers tab, and shows each change as it commits", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(api.url, { waitUntil: "load" });
      await page.locator(".graphiql-container").waitFor({ timeout: 20000 });
      await setEditor(page, `.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden)`, JSON.stringify({ authorization: `Bearer ${api.token}` }));
      await setEditor(page, ".graphiql-query-editor", `subscription { paymentChanged(filter: { states: [CANCELLED] }) { event { type toState } payment { number } } }`);
      // GraphiQL parses the editor's text a moment after it changes, and tells a subscription by that.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await page.locator(".graphiql-execute-button").click();
      const deadline = Date.now() + 20000;
      while (api.server.subscriptions.subscriptionCount === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const voided = await api.graphql(`mutation { voidPayment(input: { payment: { number: "1002" } }) { __typename } }`);
      expect(voided.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
      await page.locator(".graphiql-response", { hasText: "STATE_CHANGED" }).waitFor({ timeout: 20000 });
      expect(JSON.parse(await responseText(page))).toEqual({
        data: { paymentChanged: { event: { type: "STATE_CHANGED", toState: "CANCELLED" }, payment: { number: "1002" } } },
      });
    } finally {
      await page.close();
    }
  });

  it("answers JSON clients on GET /graphql as before, and serves no page when switched off", async () => {
    const json = await fetch(`${api.url}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true", authorization: `Bearer ${api.token}` },
    });
    expect(await json.json()).toEqual({ data: { __typename: "Query" } });

    const off = await startTestApi({ GRAPHQL_EXPLORER: "false" });
    try {
      const page = await fetch(off.url, { headers: { accept: "text/html" } });
      expect(page.headers.get("content-type")).not.toMatch(/html/);
      expect((await fetch(new URL("/explorer/graphiql.min.js", off.url))).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
