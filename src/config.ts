import { join } from "node:path";
import { projectRoot } from "./project-root";

export interface AppConfig {
  port: number;
  /** PostgreSQL URL; absent means the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  production: boolean;
}

export class ConfigError extends Error {}

function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

/** Reads the configuration from the environment; a bad value stops the start with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: integerSetting(env, "PORT", 4000, 0, 65535),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || join(projectRoot(), ".data"),
    production: env.NODE_ENV === "production",
  };
}
