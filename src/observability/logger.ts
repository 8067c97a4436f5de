import pino from "pino";
import { logLevelSetting } from "../log-level";

/** Error fields that may carry SQL parameters, row values or request bodies: never logged. */
const UNSAFE_ERROR_FIELDS = ["parameters", "driverError", "detail", "where", "internalQuery", "query", "parameter", "body", "config"];

/** Error messages may quote the offending value (`invalid input syntax for type uuid: "…"`): quotes are emptied. */
function withoutQuotedValues(message: unknown): unknown {
  return typeof message === "string" ? message.replace(/"[^"]*"/g, '"…"').replace(/\(([^()]*)\)=\(([^()]*)\)/g, "($1)=(…)") : message;
}

/** pino's error serializer, less everything that may hold data of a request or a row. */
export function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== "object") return serialized;
  for (const field of UNSAFE_ERROR_FIELDS) delete serialized[field];
  serialized.message = withoutQuotedValues(serialized.message);
  serialized.stack = withoutQuotedValues(serialized.stack);
  if (serialized.cause && typeof serialized.cause === "object") serialized.cause = serializeError(serialized.cause);
  return serialized;
}

function safeLogLevel(): string {
  try {
    return logLevelSetting(process.env);
  } catch {
    return "info"; // loadConfig() refuses the bad value at start with a message naming it
  }
}

/** The one application logger. Secrets, SQL parameters and row values never reach it. */
export const logger = pino({
  level: safeLogLevel(),
  serializers: { err: serializeError, error: serializeError },
  redact: {
    paths: [
      "token",
      "*.token",
      "apiKey",
      "*.apiKey",
      "apiToken",
      "*.apiToken",
      "password",
      "*.password",
      "databaseUrl",
      "*.databaseUrl",
      "parameters",
      "*.parameters",
      "headers.authorization",
      "headers['x-api-token']",
    ],
    censor: "[redacted]",
  },
});
export type AppLogger = typeof logger;

/**
 * A command's output is its own lines (a table, a token, what it applied): the application's
 * info lines stay out of it, unless LOG_LEVEL asks for them. Warnings and errors still show.
 */
export function quietLogsUnlessAsked(): void {
  if (!process.env.LOG_LEVEL && logger.levelVal < logger.levels.values.warn) logger.level = "warn";
}
