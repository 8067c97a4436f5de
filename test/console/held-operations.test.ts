import type { Browser } from "playwright-core";
import { startTestApi } from "../support/test-api";
import { expectNoSidewaysScroll, expectText, launchChromium, signIn, WIDTHS } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe.each(WIDTHS)("an operation that needs attention, at %i px", (width) => {
  it("is counted in the navigation, explained on its payment with the vendor's kept answer, and resolved from a pre-filled form", async () => {
    const api = await startTestApi({ OPERATION_MAX_ATTEMPTS: "1" });
    const emulator = api.emulator("crmcom");
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    try {
      emulator.setFaults({ failWith5xx: 500 });
      const held = await api.graphql(`mutation { cancelPayment(input: { payment: { number: "1026" }, type: { name: "Payment Cancellation" } }) { __typename } }`);
      expect(held.data.cancelPayment.__typename).toBe("OperationNeedsAttentionError");
      emulator.clearFaults();
      // The vendor acted and its answer was kept, but the record could not be written: what an operator settles.
      const kept = { kind: "succeeded", details: { cancellation: { number: "CN-7001", referenceNumber: "CR-7001", amount: "1250.5", issuedOn: "2025-02-04T00:00:00.000Z" } } };
      await api.dataSource.query(
        `UPDATE payment_operation SET vendor_outcome = $1::jsonb WHERE payment_id = (SELECT id FROM payment WHERE number = '1026')`,
        [JSON.stringify(kept)],
      );

      await signIn(page, new URL("/console", api.url).toString(), api.token, "/payments/1026");
      await expectText(page.getByTestId("attention-count"), "1");
      const heldView = page.getByTestId("held-operation");
      await expectText(heldView, /Cancel needs attention/);
      await expectText(heldView, /Attempts so far: 1, since/);
      await expectText(page.getByTestId("kept-answer"), /succeeded \(cancellation number CN-7001, reference CR-7001, amount 1250\.5\)/);
      expect(await page.getByLabel("Operations").getByRole("link").count()).toBe(0);

      // The timeline shows what was sent to the vendor, without credentials.
      const request = page.locator(".exchange", { hasText: "Request sent to the vendor" });
      await request.locator("summary").click();
      await expectText(request.locator("pre"), /"operation": "CANCEL"/);
      expect(await request.locator("pre").textContent()).not.toMatch(/secret|password|token|authorization/i);
      await expectNoSidewaysScroll(page);

      await heldView.getByRole("link", { name: "Resolve this cancel" }).click();
      const item = page.locator(".attention > li");
      await expectText(item, /Cancel of payment 1026/);
      await expectText(page.getByTestId("prefilled"), /Filled in from what the API kept/);
      expect(await item.getByLabel("Vendor's cancellation number").inputValue()).toBe("CN-7001");
      expect(await item.getByLabel("Reference number").inputValue()).toBe("CR-7001");
      expect(await item.getByLabel("Amount").inputValue()).toBe("1250.5");
      expect(await item.getByLabel("Issued on").inputValue()).toBe("2025-02-04");
      expect(await item.getByLabel("Note").inputValue()).toMatch(/CN-7001/);
      expect(await item.getByLabel(/It went through/).isChecked()).toBe(true);
      await expectNoSidewaysScroll(page);
      await item.getByRole("button", { name: "Settle as succeeded" }).click();
      await expectText(page.locator("main"), /does not need attention/);
      await expectText(page.getByTestId("attention-count"), "0", 15_000);

      await page.getByRole("link", { name: "Payments", exact: true }).click();
      await page.goto(new URL("/console/payments/1026", api.url).toString());
      await expectText(page.getByTestId("cancellation"), /CN-7001/);
      const [operation] = await api.dataSource.query(`SELECT o.status FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = '1026'`);
      expect(operation.status).toBe("SUCCEEDED");
    } finally {
      emulator.clearFaults();
      await page.close();
      await api.close();
    }
  });
});
