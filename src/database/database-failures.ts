import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from "typeorm";

/** SQLSTATE classes and codes that mean "the database cannot serve now", not "this request is wrong". */
const UNAVAILABLE_SQLSTATES = [/^08/, /^57P0[1-4]$/, /^53300$/, /^57014$/, /^25P03$/];
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ENOENT"]);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is not established/i,
  /connection.*(closed|ended)/i,
  /Cannot use a pool after calling end/i,
];

/** SQLSTATE 08003, connection_does_not_exist: what a statement of a transaction whose connection is gone fails with. */
export const CONNECTION_DOES_NOT_EXIST = "08003";

/**
 * The failure of a statement sent in a transaction whose connection was lost: it is never sent
 * anywhere else (on another connection it would commit on its own, outside the transaction).
 */
export class TransactionConnectionLostError extends Error {
  readonly code = CONNECTION_DOES_NOT_EXIST;

  constructor() {
    super("Connection terminated: the transaction's connection was lost; the transaction is rolled back");
    this.name = "TransactionConnectionLostError";
  }
}

/**
 * True when the error (or what it wraps) says PostgreSQL is unreachable, restarting, too slow, or
 * that the connection of the transaction was lost (TypeORM then releases its query runner): the
 * same work may pass later, and the client is told 503.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; originalError?: unknown; thrownValue?: unknown };
  if (typeof e.code === "string" && (UNAVAILABLE_NODE_CODES.has(e.code) || UNAVAILABLE_SQLSTATES.some((re) => re.test(e.code as string)))) {
    return true;
  }
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))) return true;
  return [e.driverError, e.cause, e.originalError, e.thrownValue].some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** SQLSTATE classes of failures that may pass when the same write is tried again. */
const TRANSIENT_CLASSES = new Set(["08", "40", "53", "57", "58"]);

/** The SQLSTATE (or Node error code) of a failed statement. */
export function sqlStateOf(error: unknown): string | undefined {
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
  const state = sqlStateOf(error);
  return error instanceof QueryFailedError && state !== undefined && (state.startsWith("22") || state.startsWith("23"));
}

/**
 * True when a failed write can never pass as it is: PostgreSQL refused the values, or the code
 * failed on them. Lost connections, deadlocks, serialization failures and shutdowns may pass later.
 */
export function isPermanentWriteFailure(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return false;
  const state = sqlStateOf(error);
  if (state === undefined) return !(error instanceof Error && /connection|terminat|timeout|ECONN|EPIPE/i.test(error.message));
  if (/^[A-Z]/.test(state)) return false; // Node errno codes (ECONNRESET…)
  return !TRANSIENT_CLASSES.has(state.slice(0, 2));
}

/** The column a refused value was for, when PostgreSQL names it. */
export function columnOf(error: unknown): string | undefined {
  const column = error instanceof QueryFailedError ? (error.driverError as { column?: unknown }).column : undefined;
  return typeof column === "string" ? column : undefined;
}
