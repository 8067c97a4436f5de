import { QueryFailedError } from "typeorm";
import { isDatabaseUnavailable } from "../database/database-failures";
import { logger } from "../observability/logger";
import type { FieldError } from "./operation-errors";

/** SQLSTATE classes of failures that may pass when the same write is tried again. */
const TRANSIENT_CLASSES = new Set(["08", "40", "53", "57", "58"]);

function sqlState(error: unknown): string | undefined {
  const code = error instanceof QueryFailedError ? (error.driverError as { code?: unknown }).code : (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The constraint a unique or check violation names, if any. */
export function violatedConstraint(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const constraint = (error.driverError as { constraint?: unknown }).constraint;
  return typeof constraint === "string" ? constraint : undefined;
}

/** True when PostgreSQL refused the values themselves (data exception, constraint): writing them again cannot succeed. */
export function isValueRefusal(error: unknown): boolean {
  const state = sqlState(error);
  return error instanceof QueryFailedError && state !== undefined && (state.startsWith("22") || state.startsWith("23"));
}

/**
 * True when a failed write can never pass as it is: PostgreSQL refused the values, or the code
 * failed on them. Lost connections, deadlocks, serialization failures and shutdowns may pass later.
 */
export function isPermanentWriteFailure(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return false;
  const state = sqlState(error);
  if (state === undefined) return !(error instanceof Error && /connection|terminat|timeout|ECONN|EPIPE/i.test(error.message));
  if (/^[A-Z]/.test(state)) return false; // Node errno codes (ECONNRESET…)
  return !TRANSIENT_CLASSES.has(state.slice(0, 2));
}

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
  const state = sqlState(error);
  const constraint = violatedConstraint(error);
  logger.info({ sqlState: state, constraint, column: columnOf(error) }, "PostgreSQL refused a write; answered in words");
  return CONSTRAINT_WORDS[constraint ?? ""] ?? STATE_WORDS[state ?? ""] ?? (state?.startsWith("23") ? "a rule of the record was broken" : "the record could not be written");
}

function columnOf(error: unknown): string | undefined {
  const column = error instanceof QueryFailedError ? (error.driverError as { column?: unknown }).column : undefined;
  return typeof column === "string" ? column : undefined;
}

/** A refused phase-1 write as the typed input error: nothing was done. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  return [{ field: columnOf(error) ?? "input", message: `${describeWriteFailure(error)}; nothing was done` }];
}
