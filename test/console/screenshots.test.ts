import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { startTestApi, type TestApi } from "../support/test-api";
import { expectText, launchChromium, root, signIn } from "./browser";

/**
 * The console's pictures in docs/: every run takes them (into a scratch folder, so that the suite
 * never rewrites documentation) and checks each is a picture; `CONSOLE_SCREENSHOTS=1 npx jest
 * test/console/screenshots.test.ts` writes them into docs/.
 */
const folder = process.env.CONSOLE_SCREENSHOTS === "1" ? join(root, "docs") : mkdtempSync(join(tmpdir(), "console-screenshots-"));
const docs = (name: string) => join(folder, name);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let api: TestApi;
let browser: Browser;
let consoleUrl: string;

describe("console screenshots for docs/", () => {
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
    for (const name of ["console-payments.png", "console-payment.png", "console-cancel.png", "console-phone.png"]) {
      const picture = readFileSync(docs(name));
      expect({ name, png: picture.subarray(0, 8).equals(PNG_SIGNATURE), large: picture.length > 10_000 }).toEqual({ name, png: true, large: true });
    }
  });
});
