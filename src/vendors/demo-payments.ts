import type { DemoPayment } from "../demo/demo-data";
import { INSTALLED_VENDORS } from "./installed-vendors";
import type { AnyVendorModule } from "./vendor-module";

/** The demo payments of the given vendors, in the list's order; two vendors declaring one payment number are refused. */
export function demoPaymentsOf(modules: readonly AnyVendorModule[]): readonly DemoPayment[] {
  const payments = modules.flatMap((module) => module.demoPayments);
  const numbers = new Set<string>();
  for (const payment of payments) {
    if (numbers.has(payment.number)) {
      throw new Error(`two vendors declare demo payment ${payment.number}: give each vendor's demo plan a firstSequence of its own`);
    }
    numbers.add(payment.number);
  }
  return payments;
}

/** Every installed vendor's demo payments: what the demo data seeds by default. */
export const DEMO_PAYMENTS: readonly DemoPayment[] = demoPaymentsOf(INSTALLED_VENDORS);
