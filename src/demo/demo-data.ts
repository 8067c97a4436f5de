import { createHash } from "node:crypto";
import { CurrencyLifeCycleState, type PaymentModel, PaymentState, type VendorCode } from "../domain/enums";

/**
 * The demo data set: deterministic, so that the documentation's example answers are real. Each vendor
 * module declares its own demo payments (`demoPaymentsFrom`); the same list seeds the database
 * and the vendor's emulator, so that both sides agree on every payment.
 */
export const DEMO_RESELLERS = [
  { code: "platform", name: "Payments Platform", parentCode: null, activePlatformId: "5" },
  { code: "acme", name: "Acme Payments", parentCode: "platform", activePlatformId: "1" },
  { code: "acme-europe", name: "Acme Europe", parentCode: "acme", activePlatformId: "2" },
  { code: "acme-cyprus", name: "Acme Cyprus", parentCode: "acme-europe", activePlatformId: "3" },
  { code: "globex", name: "Globex Billing", parentCode: "platform", activePlatformId: "4" },
] as const;

export const DEMO_CURRENCIES = [
  { code: "EUR", prefixSymbol: "€", suffixSymbol: null, lifeCycleState: CurrencyLifeCycleState.EFFECTIVE, integerPartName: "euro", decimalPartName: "cent", minorUnitDigits: 2 },
  { code: "USD", prefixSymbol: "$", suffixSymbol: null, lifeCycleState: CurrencyLifeCycleState.EFFECTIVE, integerPartName: "dollar", decimalPartName: "cent", minorUnitDigits: 2 },
  { code: "JPY", prefixSymbol: "¥", suffixSymbol: null, lifeCycleState: CurrencyLifeCycleState.EFFECTIVE, integerPartName: "yen", decimalPartName: "sen", minorUnitDigits: 0 },
  { code: "CYP", prefixSymbol: null, suffixSymbol: "£C", lifeCycleState: CurrencyLifeCycleState.NOT_EFFECTIVE, integerPartName: "pound", decimalPartName: "cent", minorUnitDigits: 2 },
] as const;

/** Rates against EUR, the base currency. `toDate` is inclusive; null is open-ended. */
export const DEMO_RATE_PERIODS = [
  { currencyCode: "EUR", rate: "1", inverseRate: "1", fromDate: "2000-01-01", toDate: null },
  { currencyCode: "USD", rate: "0.92000000", inverseRate: "1.08695652", fromDate: "2024-01-01", toDate: "2024-12-31" },
  { currencyCode: "USD", rate: "0.95000000", inverseRate: "1.05263158", fromDate: "2025-01-01", toDate: null },
  { currencyCode: "JPY", rate: "0.00620000", inverseRate: "161.29032258", fromDate: "2024-01-01", toDate: null },
  { currencyCode: "CYP", rate: "1.70860000", inverseRate: "0.58527449", fromDate: "2000-01-01", toDate: "2007-12-31" },
] as const;

export const DEMO_TRANSACTION_TYPES = [
  { name: "Payment Cancellation", alternativeCode: "PCAN" },
  { name: "Payment Cancellation Adjustment", alternativeCode: "PCADJ" },
] as const;
export const DEMO_TRANSACTION_CATEGORIES = [
  { name: "Cancellation Because of Mistake", code: "MISTAKE" },
  { name: "Cancellation on Customer Request", code: "CUSTOMER" },
] as const;
export const DEMO_REJECTION_REASONS = [
  { name: "Reject Due to Business Request", alternativeCode: "BUSINESS" },
  { name: "Suspected Fraud", alternativeCode: "FRAUD" },
] as const;

export interface DemoPayment {
  number: string;
  referenceNumber: string;
  backOfficeCode: string | null;
  vendorCode: VendorCode;
  vendorPaymentId: string;
  /** The vendor's id of the owning reseller (ActivePlatform's reseller_id); null for other vendors. */
  vendorResellerId: string | null;
  lifeCycleState: PaymentState;
  paymentModel: PaymentModel;
  amount: string;
  currencyCode: string;
  resellerCode: string;
  issuedOn: string;
  postedOn: string | null;
  gatewayName: string | null;
  gatewayReferenceNumber: string | null;
  closedAt: string | null;
}

const FINAL_STATES = new Set([PaymentState.CANCELLED, PaymentState.REJECTED]);
const AMOUNTS = ["199.99", "50.00", "1250.50", "12.34", "75.10", "4999.00", "0.99", "320.45"];
const CURRENCIES = ["EUR", "USD", "EUR", "JPY", "USD", "EUR"];
const RESELLERS = ["acme", "acme-europe", "acme-cyprus", "globex"];

export type DemoReseller = (typeof DEMO_RESELLERS)[number];

/**
 * A vendor's demo payments, as its module declares them. Everything else about a demo payment
 * (number, dates, amount, currency, owning reseller) follows from its sequence number, so the
 * same list seeds the database and the vendor's emulator.
 */
export interface VendorDemoPlan {
  /** The sequence number of the vendor's first demo payment: its number is 1000 + sequence. Vendors' blocks never overlap. */
  firstSequence: number;
  /** States and payment models of the vendor's demo payments, in order: its operations' start states first. */
  payments: ReadonlyArray<readonly [PaymentState, PaymentModel]>;
  /** The vendor's own id of the demo payment with this sequence number. */
  paymentId(sequence: number): string;
  /** The vendor's id of a demo reseller, where the vendor keeps one (ActivePlatform's reseller_id). */
  resellerId?(reseller: DemoReseller): string;
  /** The payment gateway a vendor's payments show, where the vendor sets one. */
  gateway?(number: string): { name: string; referenceNumber: string };
}

/** A deterministic id for a demo payment: hex digits from the vendor's code and the sequence. */
export function demoHexId(vendor: VendorCode, sequence: number): string {
  return createHash("sha256").update(`${vendor}:${sequence}`).digest("hex").slice(0, 32);
}

/** A vendor's demo payments from its plan. */
export function demoPaymentsFrom(vendor: VendorCode, plan: VendorDemoPlan): DemoPayment[] {
  return plan.payments.map(([state, model], index) => {
    const sequence = plan.firstSequence + index;
    const issued = new Date(Date.UTC(2025, 0, 6, 9, 0, 0) + sequence * 26 * 3600 * 1000);
    const posted = [PaymentState.POSTED, PaymentState.CANCELLED].includes(state) ? new Date(issued.getTime() + 3600 * 1000) : null;
    const number = String(1000 + sequence);
    const reseller = DEMO_RESELLERS.find((r) => r.code === RESELLERS[sequence % RESELLERS.length])!;
    const gateway = plan.gateway?.(number) ?? null;
    return {
      number,
      referenceNumber: `REF-${number}`,
      backOfficeCode: sequence % 3 === 0 ? `BO-${number}` : null,
      vendorCode: vendor,
      vendorPaymentId: plan.paymentId(sequence),
      vendorResellerId: plan.resellerId?.(reseller) ?? null,
      lifeCycleState: state,
      paymentModel: model,
      amount: AMOUNTS[sequence % AMOUNTS.length],
      currencyCode: CURRENCIES[sequence % CURRENCIES.length],
      resellerCode: reseller.code,
      issuedOn: issued.toISOString(),
      postedOn: posted?.toISOString() ?? null,
      gatewayName: gateway?.name ?? null,
      gatewayReferenceNumber: gateway?.referenceNumber ?? null,
      closedAt: FINAL_STATES.has(state) ? new Date(issued.getTime() + 7200 * 1000).toISOString() : null,
    };
  });
}
