import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { startTestApi, type TestApi } from "../support/test-api";
import { expectNoSidewaysScroll, expectText, launchChromium, shownNumbers, signIn, subscriptionsHeld, WIDTHS } from "./browser";

let api: TestApi;
let browser: Browser;
let consoleUrl: string;
let payment1026: { reference_number: string; vendor_payment_id: string };
beforeAll(async () => {
  api = await startTestApi();
  consoleUrl = new URL("/console", api.url).toString();
  browser = await launchChromium();
  // The demo's 1026 has no back office code: give it one, as an integration would.
  await api.dataSource.query(`UPDATE payment SET back_office_code = 'BO-FIND-1026' WHERE number = '1026'`);
  [payment1026] = await api.dataSource.query(`SELECT reference_number, vendor_payment_id FROM payment WHERE number = '1026'`);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** Whether each tab's subscriptions are held, by tab. */
const held = new WeakMap<Page, Promise<void>>();

/** A signed-in tab of this width, in Tokyo's time zone (so that local time is not UTC). */
async function open(width: number, path = "", token = api.token): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, timezoneId: "Asia/Tokyo", acceptDownloads: true });
  held.set(page, subscriptionsHeld(page));
  await signIn(page, consoleUrl, token, path);
  return page;
}

describe.each(WIDTHS)("the console's daily work at %i px", (width) => {
  it("finds payment 1026 by its number, reference, back office code and vendor payment id, and lists the matches of a search that names none", async () => {
    const page = await open(width);
    try {
      for (const text of ["1026", payment1026.reference_number, "BO-FIND-1026", payment1026.vendor_payment_id]) {
        await page.getByRole("searchbox", { name: "Find a payment" }).fill(text);
        await page.getByRole("button", { name: "Find", exact: true }).click();
        await expectText(page.getByRole("heading", { level: 1 }), /Payment 1026/);
        await page.getByRole("link", { name: "Payments", exact: true }).click();
        await page.getByTestId("page-summary").waitFor();
      }
      await page.getByRole("searchbox", { name: "Find a payment" }).fill("no-such-payment");
      await page.getByRole("button", { name: "Find", exact: true }).click();
      await expectText(page.getByTestId("page-summary"), "No payment matches.");
      expect(page.url()).toMatch(/search=no-such-payment/);
      await expectNoSidewaysScroll(page);
    } finally {
      await page.close();
    }
  });

  it("offers no cancel for payment 1028, explains its form's address, and names payment, vendor and amount before a void", async () => {
    const page = await open(width, "/payments/1028");
    try {
      await expectText(page.getByRole("heading", { level: 1 }), /Payment 1028\s*Waiting for payment/);
      expect(await page.getByLabel("Operations").getByRole("link").count()).toBe(0);
      await page.goto(`${consoleUrl}/payments/1028/cancel`);
      await expectText(page.getByTestId("not-applicable"), /Waiting for payment at CRM\.COM/);
      expect(await page.locator("form").filter({ hasText: "Cancellation" }).count()).toBe(0);
      await expectNoSidewaysScroll(page);
      await page.getByRole("link", { name: "Back to payment 1028" }).click();
      await page.getByRole("heading", { name: /Payment 1028/ }).waitFor();

      await page.goto(`${consoleUrl}/payments/1002/void`);
      await page.getByRole("button", { name: "Void payment" }).click();
      await expectText(page.getByTestId("confirm"), "Void payment 1002 at ConvergeGate for €1,250.50?");
      await expectNoSidewaysScroll(page);
      await page.getByRole("button", { name: "No, go back" }).click();
      expect(await page.getByRole("button", { name: "Void payment" }).isEnabled()).toBe(true);
      const [{ count }] = await api.dataSource.query(`SELECT count(*)::int AS count FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = '1002'`);
      expect(count).toBe(0);

      // The currency filter is a select filled from the API's currencies.
      await page.goto(`${consoleUrl}/payments`);
      if (width < 600) await page.getByRole("button", { name: /^Filters/ }).click();
      await page.getByLabel("Currency").locator("option", { hasText: "JPY" }).waitFor({ state: "attached" });
      const codes = await page.getByLabel("Currency").locator("option").allTextContents();
      expect(codes).toEqual(expect.arrayContaining(["Any currency", "EUR", "JPY", "USD", "CYP (not effective)"]));
    } finally {
      await page.close();
    }
  });

  it("writes money with the currency's symbol and digits (a JPY amount without decimals), states and vendors by title, local times with UTC on hover", async () => {
    const page = await open(width, "/payments?vendor=CRMCOM&states=POSTED");
    try {
      await expectText(page.getByTestId("page-summary"), /of 3 payments/);
      const row = (number: string) => page.locator("tbody tr").filter({ has: page.getByRole("link", { name: number, exact: true }) });
      await expectText(row("1027").locator(".money"), /^¥12$/);
      expect(await row("1027").locator(".money").getAttribute("title")).toBe("12.34 JPY");
      await expectText(row("1026").locator(".money"), "€1,250.50");
      await expectText(row("1026"), /Posted/);
      await expectText(row("1026"), /CRM\.COM/);
      expect(await row("1026").textContent()).not.toMatch(/POSTED|CRMCOM/);
      const issued = row("1026").locator("time");
      expect(await issued.getAttribute("title")).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
      await page.goto(`${consoleUrl}/payments/1026`);
      const created = page.locator(".facts time").last();
      await created.waitFor();
      const [utc, local] = [await created.getAttribute("title"), await created.textContent()];
      // Tokyo is 9 hours ahead: the shown hour is not the UTC hour.
      expect(utc).toMatch(/UTC$/);
      expect(local).not.toContain(utc!.slice(11, 16));
      await expectNoSidewaysScroll(page);
    } finally {
      await page.close();
    }
  });

  it("shows a change made through the API in an open list and an open payment without a reload, keeping what the operator typed", async () => {
    const number = width === 1280 ? "1030" : "1032";
    const page = await open(width, `/payments?vendor=CRMCOM`);
    const paymentPage = await open(width, `/payments/${number}`);
    try {
      const row = page.locator("tbody tr").filter({ has: page.getByRole("link", { name: number, exact: true }) });
      await expectText(row, /Draft/);
      await expectText(paymentPage.getByRole("heading", { level: 1 }), /Draft/);
      if (width < 600) await page.getByRole("button", { name: /^Filters/ }).click();
      await page.getByLabel("Amount at least").fill("5");
      await page.evaluate("window.marker = 1");
      await Promise.all([held.get(page), held.get(paymentPage)]);
      const rejected = await api.graphql(`mutation { rejectPayment(input: { payment: { number: "${number}" } }) { __typename } }`);
      expect(rejected.data.rejectPayment.__typename).toBe("RejectPaymentSuccess");
      await expectText(row, /Rejected/, 15_000);
      await expectText(paymentPage.getByRole("heading", { level: 1 }), /Rejected/, 15_000);
      await expectText(paymentPage.getByTestId("events"), /Draft → Rejected/);
      expect(await page.getByLabel("Amount at least").inputValue()).toBe("5");
      // The same document all along: no reload.
      expect(await page.evaluate("window.marker")).toBe(1);
    } finally {
      await paymentPage.close();
      await page.close();
    }
  });

  it("sorts by amount and issued date as the API pages them, and exports the filtered list as CSV with the same rows", async () => {
    const page = await open(width, "/payments?vendor=CRMCOM&size=4");
    try {
      await expectText(page.getByTestId("page-summary"), /of 11 payments/);
      if (width < 600) await page.getByRole("button", { name: /^Filters/ }).click();
      await page.getByLabel("Order").selectOption("AMOUNT_DESC");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await page.waitForURL(/order=AMOUNT_DESC/);
      const expected: Array<{ number: string }> = await api.dataSource.query(`SELECT number FROM payment WHERE vendor_code = 'crmcom' ORDER BY amount DESC, id DESC`);
      const listed: string[] = [];
      let previous: string[] = [];
      for (;;) {
        await expectText(page.getByTestId("page-summary"), `Rows ${listed.length + 1}–`);
        // The summary follows the address at once; the rows follow the API's answer.
        let shown = await shownNumbers(page);
        for (let waited = 0; shown.join() === previous.join() && waited < 100; waited++) {
          await page.waitForTimeout(100);
          shown = await shownNumbers(page);
        }
        listed.push(...shown);
        previous = shown;
        const next = page.getByRole("button", { name: "Next →" });
        if (await next.isDisabled()) break;
        await next.click();
      }
      expect(listed).toEqual(expected.map((row) => row.number));

      const downloading = page.waitForEvent("download");
      await page.getByRole("button", { name: "Export CSV" }).click();
      const download = await downloading;
      await expectText(page.getByTestId("export-status"), "Exported 11 rows to payments.csv");
      const [header, ...lines] = readFileSync(await download.path(), "utf8").trimEnd().split("\r\n");
      expect(header.split(",")).toEqual(expect.arrayContaining(["number", "amount", "currency", "issuedOn"]));
      expect(lines.map((line) => line.split(",")[0])).toEqual(listed);
      expect(lines.find((line) => line.startsWith("1027,"))).toMatch(/,12\.34,JPY,/);
      await expectNoSidewaysScroll(page);
    } finally {
      await page.close();
    }
  });
});

describe("the console at phone width", () => {
  it("shows payments as cards, folds the filters behind one button and is never wider than the screen", async () => {
    const page = await open(375);
    try {
      await expectText(page.getByTestId("page-summary"), /of 35 payments/);
      expect(await page.locator("table.payments thead").isVisible()).toBe(false);
      expect(await page.evaluate("getComputedStyle(document.querySelector('tbody tr')).display")).toBe("grid");
      expect(await page.getByLabel("Vendor").isVisible()).toBe(false);
      await expectNoSidewaysScroll(page);
      await page.getByRole("button", { name: /^Filters/ }).click();
      await page.getByLabel("Vendor").selectOption("CRMCOM");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expectText(page.getByTestId("page-summary"), /of 11 payments/);
      await expectText(page.getByRole("button", { name: /^Filters/ }), "Filters (1)");
      expect(await page.getByLabel("Vendor").isVisible()).toBe(false);
      for (const path of ["/payments/1026", "/payments/1025/cancel", "/attention"]) {
        await page.goto(consoleUrl + path);
        await page.getByRole("heading", { level: 1 }).waitFor();
        await expectNoSidewaysScroll(page);
      }
    } finally {
      await page.close();
    }
  });

  it("shows the table and the filters at once on a desk", async () => {
    const page = await open(1280);
    try {
      await expectText(page.getByTestId("page-summary"), /of 35 payments/);
      expect(await page.locator("table.payments thead").isVisible()).toBe(true);
      expect(await page.getByLabel("Vendor").isVisible()).toBe(true);
      expect(await page.getByRole("button", { name: /^Filters/ }).isVisible()).toBe(false);
      await expectNoSidewaysScroll(page);
    } finally {
      await page.close();
    }
  });
});
