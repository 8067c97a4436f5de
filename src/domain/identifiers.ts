import { BadInputError } from "./bad-input";
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
  /** A number, reference number, back office code or vendor payment id, matched exactly. */
  search?: string;
}

/** The orders a payments listing can be paged in, each with a keyset cursor (its key, then id). */
export enum PaymentOrder {
  ISSUED_ON_DESC = "ISSUED_ON_DESC",
  ISSUED_ON_ASC = "ISSUED_ON_ASC",
  AMOUNT_DESC = "AMOUNT_DESC",
  AMOUNT_ASC = "AMOUNT_ASC",
}

/** The one field an identifier gives (graphql-js has already enforced `@oneOf`; a plain command is checked here). */
export function identifierField<T extends object>(identifier: T): [keyof T & string, string] {
  const entries = Object.entries(identifier).filter(([, value]) => value !== undefined && value !== null);
  if (entries.length !== 1) throw new BadInputError("Give exactly one field of the identifier.");
  return entries[0] as [keyof T & string, string];
}
