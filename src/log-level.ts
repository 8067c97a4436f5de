import { ConfigError } from "./config-error";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** LOG_LEVEL, or the default: `silent` under tests, `info` otherwise. */
export function logLevelSetting(env: NodeJS.ProcessEnv): string {
  const raw = env.LOG_LEVEL;
  if (raw === undefined || raw === "") return env.NODE_ENV === "test" ? "silent" : "info";
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${raw}"`);
  return raw;
}
