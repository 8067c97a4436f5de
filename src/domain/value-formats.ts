/**
 * How the values an operator or a client types must be written: the API's scalars and inputs
 * check these, and the operator console checks the same ones in the page before sending. Plain
 * data with no imports, so that both can use it.
 */

/** A Decimal: no exponent, at most 18 integer digits and 12 decimals (the widest numeric column). */
export const DECIMAL_FORMAT = /^-?(0|[1-9]\d{0,17})(\.\d{1,12})?$/;
/** A cancellation's user defined decimal (`numeric(30,10)`): at most 20 integer digits and 10 decimals. */
export const USER_DEFINED_DECIMAL_FORMAT = /^-?\d{1,20}(\.\d{1,10})?$/;
/** An ISO 4217 currency code. */
export const CURRENCY_CODE_FORMAT = /^[A-Z]{3}$/;
/** An idempotency key: printable ASCII without spaces. */
export const IDEMPOTENCY_KEY_FORMAT = /^[\x21-\x7E]+$/;

/** Years PostgreSQL `date` and `timestamptz` columns and the ISO forms agree on. */
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

/** Lengths of the texts a cancellation takes: [shortest, longest]. */
export const CANCELLATION_TEXT_LENGTHS = {
  notes: [0, 2000],
  backOfficeCode: [1, 64],
  issueReason: [0, 500],
  userDefinedString: [0, 255],
} as const;
export const IDEMPOTENCY_KEY_LENGTH = [1, 200] as const;

/** A record's number, reference, back office or vendor id, or a reseller's code: [shortest, longest]. */
export const RECORD_CODE_LENGTH = [1, 64] as const;
/** A lookup's name (transaction type, category, rejection reason) or a gateway's name or reference. */
export const NAME_LENGTH = [1, 100] as const;
/** A lookup's alternative code. */
export const LOOKUP_CODE_LENGTH = [1, 50] as const;
/** An operator's note when settling an operation. */
export const RESOLUTION_NOTE_LENGTH = [1, 1000] as const;
