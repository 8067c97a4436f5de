import { columnOf, sqlStateOf, violatedConstraint } from "../database/database-failures";
import { logger } from "../observability/logger";
import type { FieldError } from "./operation-errors";

const STATE_WORDS: Record<string, string> = {
  "22001": "a text is longer than its column allows",
  "22003": "a number is out of range",
  "22007": "a date or time is not valid",
  "22008": "a date or time is outside what PostgreSQL can store",
  "22021": "a text contains a character that cannot be stored (NUL)",
  "22P02": "a value has the wrong form",
  "23505": "a value that must be unique is already used",
  "23514": "a value breaks a rule of the record",
};

/** The unique and check constraints an operator or a client can break, in words. */
const CONSTRAINT_WORDS: Record<string, string> = {
  payment_cancellation_vendor_number_key: "the vendor's cancellation number is already held by another cancellation of the same vendor",
  payment_cancellation_vendor_reference_number_key: "the cancellation reference number is already held by another cancellation of the same vendor",
  payment_cancellation_payment_id_key: "the payment already has a cancellation",
  payment_cancellation_back_office_code_key: "the back office code is already used by another payment cancellation",
};

/**
 * Why a write was refused, in words fit for an operator or a client: never a constraint's name,
 * SQLSTATE, SQL or values. Those are logged here (without values) for whoever investigates.
 */
export function describeWriteFailure(error: unknown): string {
  const state = sqlStateOf(error);
  const constraint = violatedConstraint(error);
  logger.info({ sqlState: state, constraint, column: columnOf(error) }, "PostgreSQL refused a write; answered in words");
  return CONSTRAINT_WORDS[constraint ?? ""] ?? STATE_WORDS[state ?? ""] ?? (state?.startsWith("23") ? "a rule of the record was broken" : "the record could not be written");
}

/** A refused phase-1 write as the typed input error: nothing was done. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  return [{ field: columnOf(error) ?? "input", message: `${describeWriteFailure(error)}; nothing was done` }];
}
