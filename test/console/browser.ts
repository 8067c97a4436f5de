import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";

/** Debian's Chromium (CI installs it); Playwright's own browser download cannot work offline. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const root = join(__dirname, "..", "..");

/** The widths every console check runs at: a desk and a phone. */
export const WIDTHS = [1280, 375] as const;

/** Chromium for the browser tests of the console, the explorer and the security headers. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

export async function signIn(page: Page, consoleUrl: string, token: string, path = "") {
  await page.goto(consoleUrl + path);
  await page.getByLabel("Access token").fill(token);
  await page.keyboard.press("Enter");
}

/**
 * Resolves when the page's subscription socket (graphql-ws on /graphql) is acknowledged, and a
 * moment later: the protocol acknowledges the connection, not each subscription. Call it before
 * the page opens the console.
 */
export function subscriptionsHeld(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on("websocket", (socket) =>
      socket.on("framereceived", ({ payload }) => {
        if (String(payload).includes('"connection_ack"')) setTimeout(resolve, 300);
      }),
    );
  });
}

/** Waits until the element's text matches (the page answers asynchronously). */
export async function expectText(locator: Locator, expected: string | RegExp, timeout = 20_000) {
  await locator.first().waitFor({ timeout });
  const deadline = Date.now() + timeout;
  let text = "";
  while (Date.now() < deadline) {
    text = (await locator.first().textContent()) ?? "";
    if (typeof expected === "string" ? text.includes(expected) : expected.test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(text).toMatch(expected);
}

/** Nothing is wider than the window: no sideways scrolling. */
export async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    "({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth })",
  );
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** Payment numbers of the rows (or cards) shown. */
export function shownNumbers(page: Page): Promise<string[]> {
  return page.locator("tbody tr td:first-child").allTextContents();
}

/** Answers "yes" to the confirmation that names the payment before an operation is sent. */
export async function confirmOperation(page: Page, expected?: RegExp) {
  const dialog = page.getByTestId("confirm");
  if (expected) await expectText(dialog, expected);
  await dialog.getByRole("button", { name: /^Yes/ }).click();
}
