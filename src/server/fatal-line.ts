import { ConfigError } from "../config-error";
import { DatabaseConnectionError } from "../database/connection-failures";
import { DataFolderInUseError } from "../database/data-folder-lock";
import { logger, serializeError } from "../observability/logger";

/**
 * The fields of the fatal line that ends a failed start. A refusal said in one line with what to
 * do needs no more than its reason; any other error is named by its type, code and message
 * (`failure`, where pino's error serializer cannot add the stack back), and its
 * stack is logged only while debugging (LOG_LEVEL debug or trace): a stack tells an attacker
 * reading the logs where the code is, and tells an operator nothing the message does not.
 */
export function fatalLine(error: unknown, debugging: boolean = logger.isLevelEnabled("debug")): Record<string, unknown> {
  const said = error instanceof ConfigError || error instanceof DataFolderInUseError || error instanceof DatabaseConnectionError;
  if (said) return { reason: error.message };
  if (debugging) return { err: error };
  const serialized = serializeError(error) as Record<string, unknown> | undefined;
  if (!serialized || typeof serialized !== "object") return { failure: { message: String(error) } };
  const { stack: _stack, cause: _cause, ...rest } = serialized;
  return { failure: rest };
}
