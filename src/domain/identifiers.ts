import type { PaymentState } from "./enums";

/** Names one payment: exactly one of the fields. */
export interface PaymentIdentifier {
  id?: string;
  number?: string;
  referenceNumber?: string;
  backOfficeCode?: string;
}

/** Names one lookup (financial transaction type, rejection reason): by id, name or alternative code. */
export interface LookupIdentifier {
  id?: string;
  name?: string;
  alternativeCode?: string;
}

/** Names one financial transaction category: by id, name or code. */
export interface CategoryIdentifier {
  id?: string;
  name?: string;
  code?: string;
}

/** Narrows a payments listing; every given field must match. */
export interface PaymentCriteria {
  states?: PaymentState[];
  vendor?: string;
  currencyCode?: string;
  resellerCode?: string;
  issuedFrom?: Date;
  issuedBefore?: Date;
  /** Decimal text. */
  amountMin?: string;
  amountMax?: string;
}
