import { logger } from "../observability/logger";

/**
 * A command's output is its own lines (a table, a token, what it applied): the application's
 * info lines stay out of it, unless LOG_LEVEL asks for them. Warnings and errors still show.
 */
export function quietLogsUnlessAsked(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.LOG_LEVEL && logger.levelVal < logger.levels.values.warn) logger.level = "warn";
}
