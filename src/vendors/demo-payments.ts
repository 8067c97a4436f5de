import type { DemoPayment } from "../demo/demo-data";
import { INSTALLED_VENDORS } from "./installed-vendors";

/** Every installed vendor's demo payments, in the list's order: what the demo data seeds. */
export const DEMO_PAYMENTS: readonly DemoPayment[] = INSTALLED_VENDORS.flatMap((module) => module.demoPayments);

const numbers = new Set<string>();
for (const payment of DEMO_PAYMENTS) {
  if (numbers.has(payment.number)) {
    throw new Error(`two installed vendors declare demo payment ${payment.number}: give each vendor's demo plan a firstSequence of its own`);
  }
  numbers.add(payment.number);
}
