import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { createAccessToken, revokeAccessToken, TokenKind } from "../../src/access/access-tokens";
import { snapshotDatabase } from "../support/test-database";
import { startTestApi, type TestApi } from "../support/test-api";
import { confirmOperation, expectText, launchChromium } from "./browser";

const root = join(__dirname, "..", "..");

let api: TestApi;
let browser: Browser;
let consoleUrl: string;
beforeAll(async () => {
  // The console is built by the global setup (scripts/build-console.js, as `npm start` does).
  expect(existsSync(join(root, "dist", "console", "index.html"))).toBe(true);
  api = await startTestApi();
  consoleUrl = new URL("/console", api.url).toString();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** A new tab, with every request it makes recorded (nothing may leave the API's origin). */
async function openTab(width = 1280): Promise<{ page: Page; requested: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  return { page, requested };
}

async function signIn(page: Page, token: string, path = "") {
  await page.goto(consoleUrl + path);
  await page.getByLabel("Access token").fill(token);
  await page.keyboard.press("Enter");
}

const summary = (page: Page) => page.getByTestId("page-summary");

describe("the operator console on /console", () => {
  it("signs in with a token for the tab, says why a bad or expired token is refused, and signs out", async () => {
    const { page, requested } = await openTab();
    try {
      await signIn(page, "pay_nottoken_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
      await expectText(page.getByTestId("signed-out-reason"), /UNAUTHENTICATED/);

      const expired = await createAccessToken(api.dataSource, { resellerCode: "platform", roles: ["viewer"], kind: TokenKind.SESSION });
      await api.dataSource.query(`UPDATE access_token SET created_at = now() - interval '8 days' WHERE prefix = $1`, [expired.prefix]);
      await page.getByLabel("Access token").fill(expired.token);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expectText(page.getByTestId("signed-out-reason"), /SESSION_EXPIRED/);

      await page.getByLabel("Access token").fill(api.token);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expectText(summary(page), /of 35 payments/);
      await page.reload();
      await expectText(summary(page), /of 35 payments/);

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByLabel("Access token").waitFor();
      expect(await page.evaluate("sessionStorage.length")).toBe(0);
      const origin = new URL(consoleUrl).origin;
      expect(requested.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("filters to CRM.COM POSTED payments and pages forward and back, the view living in the address", async () => {
    const { page } = await openTab();
    try {
      await signIn(page, api.token);
      await expectText(summary(page), /of 35 payments/);
      await page.getByLabel("Posted", { exact: true }).check();
      await page.getByLabel("Vendor").selectOption("CRMCOM");
      await page.getByLabel("Rows per page").fill("2");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expectText(summary(page), "Rows 1–2 of 3 payments");
      const firstPage = await numbers(page);
      expect(firstPage).toEqual(["1027", "1026"]);
      expect(page.url()).toMatch(/states=POSTED/);
      expect(page.url()).toMatch(/vendor=CRMCOM/);

      await page.getByRole("button", { name: "Next →" }).click();
      await expectText(summary(page), "Rows 3–3 of 3 payments");
      const secondPage = await numbers(page);
      expect(secondPage).toHaveLength(1);
      expect(firstPage).not.toContain(secondPage[0]);
      expect(await page.getByRole("button", { name: "Next →" }).isDisabled()).toBe(true);

      // A reload (or the link, shared) lands on the same page.
      await page.reload();
      await expectText(summary(page), "Rows 3–3 of 3 payments");
      expect(await numbers(page)).toEqual(secondPage);

      await page.getByRole("button", { name: "← Previous" }).click();
      await expectText(summary(page), "Rows 1–2 of 3 payments");
      expect(await numbers(page)).toEqual(firstPage);
      expect(await page.getByRole("button", { name: "← Previous" }).isDisabled()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("opens a payment and cancels it with a category, notes and a decimal user field, then shows the cancellation and the new events", async () => {
    const { page } = await openTab();
    try {
      await signIn(page, api.token, "/payments?vendor=CRMCOM&states=POSTED");
      await page.getByRole("link", { name: "1026", exact: true }).click();
      await page.getByRole("heading", { name: /Payment 1026/ }).waitFor();
      const offered = await page.getByLabel("Operations").getByRole("link").allTextContents();
      expect(offered).toEqual(["Cancel…"]);

      await page.getByRole("link", { name: "Cancel…" }).click();
      await page.getByLabel("Category").locator("option", { hasText: "Cancellation on Customer Request" }).waitFor({ state: "attached" });
      const categories = await page.getByLabel("Category").locator("option").allTextContents();
      expect(categories).toEqual(["No category", "Cancellation Because of Mistake", "Cancellation on Customer Request"]);
      expect(await page.getByLabel("Type").locator("option:checked").textContent()).toBe("Payment Cancellation");
      await page.getByLabel("Category").selectOption({ label: "Cancellation Because of Mistake" });
      await page.getByLabel("Notes").fill("Entered twice by the shop");
      await page.getByLabel("Decimal 1").fill("12.5.0");
      await page.getByRole("button", { name: "Cancel payment" }).click();
      await expectText(page.locator("#cancel-udfFloat1-problem"), /decimal number/);
      expect(await cancellationCount("1026")).toBe(0);

      await page.getByLabel("Decimal 1").fill("12.50");
      await page.getByRole("button", { name: "Cancel payment" }).click();
      await confirmOperation(page, /Cancel payment 1026 at CRM\.COM for €1,250\.50\?/);
      await expectText(page.getByRole("status").first(), "The payment was cancelled");
      const cancellation = page.getByTestId("cancellation");
      await expectText(cancellation, /Cancellation Because of Mistake/);
      await expectText(cancellation, /Entered twice by the shop/);
      await expectText(cancellation, /User field Float 1\s*12\.5/);
      await expectText(page.getByTestId("events"), /Posted → Cancelled/);
      await expectText(page.getByRole("heading", { name: /Payment 1026/ }), /Cancelled/);
      expect(await page.getByLabel("Operations").getByRole("link").count()).toBe(0);

      const [row] = await api.dataSource.query(
        `SELECT c.notes, c.udf_float_1 FROM payment_cancellation c JOIN payment p ON p.id = c.payment_id WHERE p.number = '1026'`,
      );
      expect(row.notes).toBe("Entered twice by the shop");
      expect(row.udf_float_1).toMatch(/^12\.50*$/);
    } finally {
      await page.close();
    }
  });

  it("offers no cancel of a POSTPAID ActivePlatform payment, and its form's address explains why and links back", async () => {
    const { page } = await openTab();
    try {
      await signIn(page, api.token, "/payments/1019");
      await page.getByRole("heading", { name: /Payment 1019/ }).waitFor();
      await expectText(page.locator(".facts").first(), /Postpaid/);
      // The payment offers no cancel: availableOperations knows the vendor's rule, and so does the form's address.
      expect(await page.getByRole("link", { name: "Cancel…" }).count()).toBe(0);
      const before = await snapshotDatabase(api.dataSource);
      await page.goto(`${consoleUrl}/payments/1019/cancel`);
      await expectText(page.getByTestId("not-applicable"), /Waiting for payment at ActivePlatform \(postpaid\), and ActivePlatform does not cancel a payment like it/);
      expect(await page.getByRole("button", { name: "Cancel payment" }).count()).toBe(0);
      await page.getByRole("link", { name: "Back to payment 1019" }).click();
      await page.getByRole("heading", { name: /Payment 1019/ }).waitFor();
      expect(await snapshotDatabase(api.dataSource)).toEqual(before);
    } finally {
      await page.close();
    }
  });

  it("sends a double-clicked void once: exactly one operation in the database and one vendor call", async () => {
    const emulator = api.emulator("convergegate");
    const [payment] = await api.dataSource.query(`SELECT id, vendor_payment_id FROM payment WHERE number = '1001'`);
    const calls = emulator.callCount(payment.vendor_payment_id);
    const { page } = await openTab();
    emulator.setFaults({ latencyMs: 400 });
    try {
      await signIn(page, api.token, "/payments/1001/void");
      const submit = page.getByRole("button", { name: "Void payment" });
      await submit.waitFor();
      await submit.click();
      const yes = page.getByTestId("confirm").getByRole("button", { name: /^Yes/ });
      await yes.dblclick();
      await expectText(page.getByRole("status").first(), "The payment was voided");
      const operations = await api.dataSource.query(`SELECT status FROM payment_operation WHERE payment_id = $1`, [payment.id]);
      expect(operations).toEqual([{ status: "SUCCEEDED" }]);
      expect(emulator.callCount(payment.vendor_payment_id)).toBe(calls + 1);
    } finally {
      emulator.clearFaults();
      await page.close();
    }
  });

  it("offers a viewer no action: no operation buttons, no needs-attention view, and a form's submit disabled", async () => {
    const viewer = await createAccessToken(api.dataSource, { resellerCode: "platform", roles: ["viewer"] });
    const { page } = await openTab(380);
    try {
      await signIn(page, viewer.token, "/payments/1002");
      await page.getByRole("heading", { name: /Payment 1002/ }).waitFor();
      await expectText(page.locator(".facts").first(), /Authorized/);
      await expectText(page.locator("header"), /Read only/);
      await expectText(page.getByTestId("who-token"), viewer.prefix);
      await expectText(page.getByTestId("who-reseller"), "Payments Platform (platform)");
      expect(await page.getByLabel("Operations").getByRole("link").count()).toBe(0);
      expect(await page.getByRole("link", { name: "Needs attention" }).count()).toBe(0);
      await page.goto(`${consoleUrl}/payments/1002/void`);
      expect(await page.getByRole("button", { name: "Void payment" }).isDisabled()).toBe(true);
      await expectText(page.getByTestId("not-permitted"), /payment:void/);
    } finally {
      await page.close();
    }
  });

  it("explains a vendor that does not answer, and the payment page then shows the operation's progress", async () => {
    const emulator = api.emulator("planocore");
    emulator.setFaults({ failWith5xx: 500 });
    const { page } = await openTab();
    try {
      await signIn(page, api.token, "/payments/1009/void");
      await page.getByRole("button", { name: "Void payment" }).click();
      await confirmOperation(page);
      const refusal = page.getByTestId("refusal");
      await expectText(refusal, /VENDOR_UNAVAILABLE/);
      await expectText(refusal, /continues in the background/);
      await page.goto(`${consoleUrl}/payments/1009`);
      await expectText(page.getByRole("status").first(), /Void in progress/);
      await expectText(page.getByRole("status").first(), /Attempts so far: 1/);
      expect(await page.getByLabel("Operations").getByRole("link").count()).toBe(0);
    } finally {
      emulator.clearFaults();
      await page.close();
    }
  });

  it("answers a mistyped or cut address with a message, and keeps working", async () => {
    const { page } = await openTab();
    try {
      await signIn(page, api.token, "/payments/10%E0");
      await expectText(page.getByRole("alert").first(), "There is no such view.");
      await page.getByRole("link", { name: "Payments", exact: true }).click();
      await expectText(summary(page), /of 35 payments/);
    } finally {
      await page.close();
    }
  });

  it("rejects a payment with the keyboard alone", async () => {
    const { page } = await openTab(600);
    try {
      await signIn(page, api.token, "/payments/1031");
      await page.getByRole("heading", { name: /Payment 1031/ }).waitFor();
      await tabTo(page, "Reject…");
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: "Reject payment 1031" }).waitFor();
      const reasons = page.getByLabel("Rejection reason");
      await reasons.locator("option", { hasText: "Suspected Fraud" }).waitFor({ state: "attached" });
      expect(await reasons.locator("option").allTextContents()).toEqual(["No reason", "Reject Due to Business Request", "Suspected Fraud"]);
      await tabTo(page, "");
      // A select takes the first letters of a choice.
      await page.keyboard.type("Reject");
      expect(await reasons.locator("option:checked").textContent()).toBe("Reject Due to Business Request");
      await tabTo(page, "Reject payment");
      await page.keyboard.press("Enter");
      // The confirmation takes the keyboard: Enter answers yes.
      await expectText(page.getByTestId("confirm"), /Reject payment 1031 at CRM\.COM/);
      await page.keyboard.press("Enter");
      await expectText(page.getByRole("status").first(), "The payment was rejected");
      await expectText(page.locator(".facts").first(), /Reject Due to Business Request/);
    } finally {
      await page.close();
    }
  });

  it("hears a change through the paymentChanged subscription at once, and asks the API nothing on a timer", async () => {
    const { page } = await openTab();
    const asked: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/graphql") asked.push(request.postData() ?? request.url());
    });
    const heard: string[] = [];
    page.on("websocket", (socket) => socket.on("framereceived", ({ payload }) => heard.push(String(payload))));
    try {
      await signIn(page, api.token, "/payments/1030");
      const heading = page.getByRole("heading", { level: 1 });
      await expectText(heading, /Payment 1030\s*Draft/);
      await waitFor(() => heard.some((frame) => frame.includes('"connection_ack"')));
      // Quiet for longer than the old refresh's 4 seconds: nothing is asked on a timer.
      const before = asked.length;
      await page.waitForTimeout(5_000);
      expect(asked.slice(before)).toEqual([]);

      const rejected = await api.graphql(`mutation { rejectPayment(input: { payment: { number: "1030" } }) { __typename } }`);
      expect(rejected.data.rejectPayment.__typename).toBe("RejectPaymentSuccess");
      const answered = Date.now();
      await waitFor(async () => /Rejected/.test((await heading.textContent()) ?? ""), 1_500);
      expect(Date.now() - answered).toBeLessThan(1_500);
      expect(heard.some((frame) => frame.includes('"paymentChanged"'))).toBe(true);
      // The payment was asked again once the change arrived.
      expect(asked.slice(before).some((body) => body.includes("ConsolePaymentDetail"))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("signs the tab out with the reason when its token is revoked while the subscription socket is open", async () => {
    const operator = await createAccessToken(api.dataSource, { resellerCode: "platform", roles: ["viewer"] });
    const { page } = await openTab();
    const heard: string[] = [];
    page.on("websocket", (socket) => socket.on("framereceived", ({ payload }) => heard.push(String(payload))));
    try {
      await signIn(page, operator.token, "/payments");
      await expectText(summary(page), /of 35 payments/);
      await waitFor(() => heard.some((frame) => frame.includes('"connection_ack"')));
      await revokeAccessToken(api.dataSource, operator.prefix);
      await waitFor(() => page.getByTestId("signed-out-reason").isVisible(), 5_000);
      await expectText(page.getByTestId("signed-out-reason"), /UNAUTHENTICATED/);
      expect(await page.evaluate("sessionStorage.length")).toBe(0);
    } finally {
      await page.close();
    }
  });

  it("is not served with CONSOLE=false", async () => {
    const off = await startTestApi({ CONSOLE: "false" });
    try {
      expect((await fetch(new URL("/console", off.url))).status).toBe(404);
    } finally {
      await off.close();
    }
    const on = await fetch(consoleUrl);
    expect(on.status).toBe(200);
    expect(await on.text()).toContain('<div id="root">');
  });
});

/** Presses Tab until the focused element shows this text ("" for the first text input). */
async function tabTo(page: Page, text: string) {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate<{ tag: string; text: string }>(
      "({ tag: document.activeElement.tagName, text: (document.activeElement.textContent || '').trim() })",
    );
    if (text === "" ? ["INPUT", "SELECT"].includes(focused.tag) : focused.text === text) return;
  }
  throw new Error(`Tab never reached "${text}"`);
}

async function numbers(page: Page): Promise<string[]> {
  return page.locator("tbody tr td:first-child").allTextContents();
}

async function cancellationCount(number: string): Promise<number> {
  const [{ count }] = await api.dataSource.query(
    `SELECT count(*)::int AS count FROM payment_cancellation c JOIN payment p ON p.id = c.payment_id WHERE p.number = $1`,
    [number],
  );
  return count;
}

/** Waits until the condition holds, at most this long. */
async function waitFor(condition: () => boolean | Promise<boolean>, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}


describe("operations that need attention in the console", () => {
  it("lists one with its reason and attempts, and an admin settles it with the vendor's cancellation record", async () => {
    const attention = await startTestApi({ OPERATION_MAX_ATTEMPTS: "1" });
    const emulator = attention.emulator("crmcom");
    emulator.setFaults({ failWith5xx: 500 });
    const url = new URL("/console", attention.url).toString();
    const { page } = await openTab();
    try {
      await page.goto(`${url}/payments/1026/cancel`);
      await page.getByLabel("Access token").fill(attention.token);
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: "Cancel payment" }).click();
      await confirmOperation(page);
      await expectText(page.getByTestId("refusal"), /OPERATION_NEEDS_ATTENTION/);
      emulator.clearFaults();

      await page.getByRole("link", { name: "Needs attention" }).click();
      const item = page.locator(".attention > li");
      await expectText(item, /Cancel of payment 1026/);
      await expectText(item, /no usable answer from the vendor after 1 attempts/);
      await expectText(item, /attempts: 1/);
      await item.getByLabel("Note").fill("CRM.COM shows cancellation 9001");
      // A number CRM.COM gave another cancellation: the form says which payment's holds it, under the field.
      const other = await attention.graphql(`mutation { cancelPayment(input: { payment: { number: "1025" }, type: { name: "Payment Cancellation" } }) {
        ... on CancelPaymentSuccess { cancellation { number } } } }`);
      const taken: string = other.data.cancelPayment.cancellation.number;
      await item.getByLabel("Vendor's cancellation number").fill(taken);
      await item.getByRole("button", { name: "Settle as succeeded" }).click();
      await expectText(item.locator(".refusal"), `The vendor's cancellation number ${taken} is already held by the cancellation of payment 1025`);
      await expectText(item.locator('.problem[role="alert"]'), /already held by the cancellation of payment 1025/);
      expect(await item.getByLabel("Vendor's cancellation number").getAttribute("aria-invalid")).toBe("true");
      await item.getByLabel("Vendor's cancellation number").fill("9001");
      await item.getByRole("button", { name: "Settle as succeeded" }).click();
      await expectText(page.locator("main"), "No operation needs attention.");

      await page.getByRole("link", { name: "Payments", exact: true }).click();
      await page.goto(`${url}/payments/1026`);
      await expectText(page.getByTestId("cancellation"), /9001/);
      await expectText(page.getByTestId("events"), /Resolved by an operator/);
      const [operation] = await attention.dataSource.query(
        `SELECT o.status FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = '1026'`,
      );
      expect(operation.status).toBe("SUCCEEDED");
    } finally {
      await page.close();
      await attention.close();
    }
  });

  it("shows an operator the needs-attention view without the resolve form, and names the operator's reseller in the header", async () => {
    const attention = await startTestApi({ OPERATION_MAX_ATTEMPTS: "1" });
    const emulator = attention.emulator("crmcom");
    emulator.setFaults({ failWith5xx: 500 });
    const [owner] = await attention.dataSource.query(`SELECT r.code, r.name FROM payment p JOIN reseller r ON r.id = p.reseller_id WHERE p.number = '1026'`);
    const operator = await createAccessToken(attention.dataSource, { resellerCode: owner.code, roles: ["operator"] });
    const url = new URL("/console", attention.url).toString();
    const { page } = await openTab();
    try {
      await page.goto(`${url}/payments/1026/cancel`);
      await page.getByLabel("Access token").fill(operator.token);
      await page.keyboard.press("Enter");
      const who = page.getByTestId("who");
      await expectText(who, operator.prefix);
      await expectText(page.getByTestId("who-reseller"), `${owner.name} (${owner.code})`);
      await expectText(page.getByTestId("who-roles"), "operator");
      await page.getByRole("button", { name: "Cancel payment" }).click();
      await confirmOperation(page);
      await expectText(page.getByTestId("refusal"), /OPERATION_NEEDS_ATTENTION/);
      emulator.clearFaults();

      await page.getByRole("link", { name: "Needs attention" }).click();
      const item = page.locator(".attention > li");
      await expectText(item, /Cancel of payment 1026/);
      await expectText(page.getByTestId("resolve-not-permitted"), /operation:resolve/);
      expect(await item.locator("form").count()).toBe(0);
      expect(await page.getByRole("button", { name: /Settle as/ }).count()).toBe(0);
      expect(await who.textContent()).not.toMatch(/Read only/);
    } finally {
      emulator.clearFaults();
      await page.close();
      await attention.close();
    }
  });
});
