/**
 * CRM.COM's emulator in a process of its own, holding the benchmark's cancel targets, so that the
 * load generator's process does not slow the vendor down. Reads the payments from the JSON file
 * named by its first argument and prints `{ "url", "secret" }` when it listens.
 */
import { readFileSync } from "node:fs";
import { PaymentModel, PaymentState } from "../src/domain/enums";
import { startCrmComEmulator } from "../src/vendors/crmcom/emulator";
import type { BenchDataset } from "./dataset";

async function main(): Promise<void> {
  const targets = JSON.parse(readFileSync(process.argv[2], "utf8")) as BenchDataset["cancelTargets"];
  const emulator = await startCrmComEmulator({
    payments: targets.map((target) => ({
      vendorPaymentId: target.vendorPaymentId,
      lifeCycleState: PaymentState.POSTED,
      paymentModel: PaymentModel.PREPAID,
      number: target.number,
      amount: target.amount,
      currencyCode: target.currencyCode,
      issuedOn: target.issuedOn,
    })),
  });
  process.stdout.write(`${JSON.stringify({ url: emulator.baseUrl, secret: emulator.secret })}\n`);
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
