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
