import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { startTestApi, type TestApi } from "../support/test-api";
import { expectText, launchChromium, root, signIn } from "./browser";

/**
 * Regenerates the console's pictures in docs/ (`CONSOLE_SCREENSHOTS=1 npx jest test/console/screenshots.test.ts`);
 * skipped otherwise, so that the suite never rewrites documentation.
 */
const wanted = process.env.CONSOLE_SCREENSHOTS === "1";
const docs = (name: string) => join(root, "docs", name);

let api: TestApi;
let browser: Browser;
let consoleUrl: string;

(wanted ? describe : describe.skip)("console screenshots for docs/", () => {
  beforeAll(async () => {
    api = await startTestApi();
    consoleUrl = new URL("/console", api.url).toString();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function tab(width: number, height: number, path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, timezoneId: "Europe/Nicosia", locale: "en-GB" });
    await signIn(page, consoleUrl, api.token, path);
    return page;
  }

  it("takes the payments list, a payment, the cancel form's confirmation, a held operation and the phone layout", async () => {
    await api.graphql(`mutation { cancelPayment(input: { payment: { number: "1025" }, type: { name: "Payment Cancellation" }, notes: "Entered twice by the shop" }) { __typename } }`);
    let page = await tab(1280, 820, "/payments?vendor=CRMCOM");
    await expectText(page.getByTestId("page-summary"), /of 11 payments/);
    await page.screenshot({ path: docs("console-payments.png") });
    await page.goto(`${consoleUrl}/payments/1025`);
    await expectText(page.getByTestId("cancellation"), /Entered twice/);
    await page.locator(".exchange summary").first().click();
    await page.screenshot({ path: docs("console-payment.png"), fullPage: true });
    await page.close();

    page = await tab(375, 760, "/payments/1026/cancel");
    await page.getByLabel("Notes").fill("Customer asked");
    await page.getByRole("button", { name: "Cancel payment" }).click();
    await page.getByTestId("confirm").scrollIntoViewIfNeeded();
    await page.screenshot({ path: docs("console-cancel.png") });
    await page.goto(`${consoleUrl}/payments`);
    await expectText(page.getByTestId("page-summary"), /of 35 payments/);
    await page.screenshot({ path: docs("console-phone.png") });
    await page.close();
  });
});
