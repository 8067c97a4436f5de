import { randomInt } from "node:crypto";
import type { DemoPayment } from "../../demo/demo-data";
import type { PaymentModel, PaymentState } from "../../domain/enums";

/** A payment as an emulator seeds it: the demo payment fields an emulator needs. */
export type EmulatorPaymentSeed = Pick<DemoPayment, "vendorPaymentId" | "lifeCycleState" | "paymentModel"> &
  Partial<Omit<DemoPayment, "vendorPaymentId" | "lifeCycleState" | "paymentModel">>;

/** The ledger record a CRM.COM-style cancel creates. */
export interface EmulatorCancellation {
  id: string;
  number: string;
  referenceNumber: string;
  backOfficeCode: string | null;
  postedOn: string;
}

/** The emulator's own record of a payment; it changes as operations are applied. */
export interface EmulatorPayment {
  vendorPaymentId: string;
  vendorResellerId: string | null;
  state: PaymentState;
  paymentModel: PaymentModel;
  number: string;
  referenceNumber: string;
  backOfficeCode: string | null;
  amount: string;
  currencyCode: string;
  issuedOn: string;
  postedOn: string | null;
  gatewayName: string | null;
  gatewayReferenceNumber: string | null;
  closedAt: string | null;
  /** The ledger records cancels created, oldest first (more than one only where a repeat was taken again). */
  cancellations: EmulatorCancellation[];
  rejectionReason: string | null;
}

function fromSeed(seed: EmulatorPaymentSeed): EmulatorPayment {
  return {
    vendorPaymentId: seed.vendorPaymentId,
    vendorResellerId: seed.vendorResellerId ?? null,
    state: seed.lifeCycleState,
    paymentModel: seed.paymentModel,
    number: seed.number ?? seed.vendorPaymentId,
    referenceNumber: seed.referenceNumber ?? `REF-${seed.vendorPaymentId}`,
    backOfficeCode: seed.backOfficeCode ?? null,
    amount: seed.amount ?? "10.00",
    currencyCode: seed.currencyCode ?? "EUR",
    issuedOn: seed.issuedOn ?? "2025-01-06T09:00:00.000Z",
    postedOn: seed.postedOn ?? null,
    gatewayName: seed.gatewayName ?? null,
    gatewayReferenceNumber: seed.gatewayReferenceNumber ?? null,
    closedAt: seed.closedAt ?? null,
    cancellations: [],
    rejectionReason: null,
  };
}

/** Numbers of the records an emulator creates come from a block of this many, drawn at random per start. */
const NUMBER_BLOCK = 1_000_000;
const NUMBER_BLOCKS = Math.floor(Number.MAX_SAFE_INTEGER / NUMBER_BLOCK) - 1;

/** The emulator's payments by vendor payment id, with the number of vendor calls naming each. */
export class EmulatorPaymentBook {
  private payments = new Map<string, EmulatorPayment>();
  private readonly calls = new Map<string, number>();
  private readonly applied = new Map<string, number>();
  private totalCalls = 0;
  /**
   * A random block per start: numbers never meet those of an earlier start or another instance
   * (one chance in nine billion per pair, up to a million records per start), stay safe whole
   * numbers, and follow one another here.
   */
  private readonly numberBase = randomInt(1, NUMBER_BLOCKS) * NUMBER_BLOCK;
  private sequence = 0;

  constructor(private readonly seeds: readonly EmulatorPaymentSeed[]) {
    this.reset();
  }

  reset(): void {
    this.payments = new Map(this.seeds.map((seed) => [seed.vendorPaymentId, fromSeed(seed)]));
    this.calls.clear();
    this.applied.clear();
    this.totalCalls = 0;
    // The sequence goes on: a number given before the reset may already be held by the caller.
  }

  /** A payment created at the vendor after the start (as a checkout would): held until the next reset. */
  add(seed: EmulatorPaymentSeed): void {
    if (this.payments.has(seed.vendorPaymentId)) throw new Error(`the emulator already holds payment ${seed.vendorPaymentId}`);
    this.payments.set(seed.vendorPaymentId, fromSeed(seed));
  }

  get(vendorPaymentId: string): EmulatorPayment | undefined {
    return this.payments.get(vendorPaymentId);
  }

  all(): EmulatorPayment[] {
    return [...this.payments.values()];
  }

  recordCall(vendorPaymentId: string | undefined): void {
    this.totalCalls += 1;
    if (vendorPaymentId !== undefined) this.calls.set(vendorPaymentId, (this.calls.get(vendorPaymentId) ?? 0) + 1);
  }

  /** A request changed this payment (an operation was carried out). */
  recordApplied(vendorPaymentId: string | undefined): void {
    if (vendorPaymentId !== undefined) this.applied.set(vendorPaymentId, (this.applied.get(vendorPaymentId) ?? 0) + 1);
  }

  /** How many requests changed this payment: more than one means the vendor acted twice. */
  appliedCount(vendorPaymentId: string): number {
    return this.applied.get(vendorPaymentId) ?? 0;
  }

  callCount(vendorPaymentId?: string): number {
    return vendorPaymentId === undefined ? this.totalCalls : (this.calls.get(vendorPaymentId) ?? 0);
  }

  /** A fresh number for a record the emulator creates (a cancellation): unique across starts and instances. */
  nextNumber(): string {
    this.sequence += 1;
    return String(this.numberBase + this.sequence);
  }
}
