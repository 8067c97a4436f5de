import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from "typeorm";

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
