import { Decimal } from "decimal.js";
import type { PaymentState, VendorCode } from "./enums";
import type { PaymentCriteria } from "./identifiers";

/** A payment as it was when one of its events was written: what a filter of live changes judges. */
export interface PaymentSnapshot {
  lifeCycleState: PaymentState;
  vendorCode: VendorCode;
  currencyCode: string;
  resellerCode: string;
  issuedOn: Date;
  /** Decimal text. */
  amount: string;
  /** What a search matches: the payment's own identifiers. */
  number: string;
  referenceNumber: string;
  backOfficeCode: string | null;
  vendorPaymentId: string;
}

/** What an entry of a payment's history says: written by the event store, announced with it. */
export interface PaymentEventFields {
  paymentId: string;
  operationId: string | null;
  type: string;
  actor: string;
  actorResellerId: string | null;
  fromState: PaymentState | null;
  toState: PaymentState | null;
  vendorOutcome: string | null;
  detail: string | null;
}

/**
 * One committed event of a payment's history, as PostgreSQL announces it to every instance
 * (src/stores/payment-changes.ts): the event, the payment's owner, and the payment as it was then.
 */
export interface PaymentChange extends PaymentEventFields {
  eventId: string;
  /** The event's place in the order events were written in. */
  sequence: string;
  /** The reseller that owns the payment: who may hear of it. */
  resellerId: string;
  occurredAt: Date;
  payment: PaymentSnapshot;
}

/** Whether the payment as it was at a change fits a listing's criteria (the same ones `payments(filter)` applies). */
export function fitsCriteria(payment: PaymentSnapshot, criteria: PaymentCriteria | null | undefined): boolean {
  if (!criteria) return true;
  if (criteria.states?.length && !criteria.states.includes(payment.lifeCycleState)) return false;
  if (criteria.vendor && criteria.vendor !== payment.vendorCode) return false;
  if (criteria.currencyCode && criteria.currencyCode !== payment.currencyCode) return false;
  if (criteria.resellerCode && criteria.resellerCode !== payment.resellerCode) return false;
  if (criteria.issuedFrom && payment.issuedOn.getTime() < criteria.issuedFrom.getTime()) return false;
  if (criteria.issuedBefore && payment.issuedOn.getTime() >= criteria.issuedBefore.getTime()) return false;
  if (criteria.amountMin && new Decimal(payment.amount).lt(criteria.amountMin)) return false;
  if (criteria.amountMax && new Decimal(payment.amount).gt(criteria.amountMax)) return false;
  if (criteria.search) {
    const search = criteria.search.trim();
    if (![payment.number, payment.referenceNumber, payment.backOfficeCode, payment.vendorPaymentId].includes(search)) return false;
  }
  return true;
}
