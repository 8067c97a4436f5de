import { join } from "node:path";
import { projectRoot } from "./project-root";

export interface AppConfig {
  port: number;
  /** PostgreSQL URL; absent means the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Operations nested deeper than this are refused before they run. */
  maxQueryDepth: number;
  /** Operations whose estimated cost is above this are refused before they run. */
  maxQueryComplexity: number;
  /** Documents with more tokens than this are refused while parsing. */
  maxQueryTokens: number;
  introspection: boolean;
  /** The offline GraphiQL explorer on GET /graphql. */
  explorer: boolean;
  /** Vendor attempts an operation gets (the first and recovery's) before it needs attention. */
  operationMaxAttempts: number;
  /** Recovery's wait after the first unknown outcome, doubled after each further one (at most an hour). */
  operationRetryBackoffMs: number;
  /** Browser origins (exact `scheme://host[:port]`) allowed to call /graphql; empty: none. */
  corsOrigins: string[];
}

function booleanSetting(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (raw === "true" || raw === "false") return raw === "true";
  throw new ConfigError(`${name} must be true or false, not "${raw}"`);
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

function originListSetting(env: NodeJS.ProcessEnv, name: string): string[] {
  const origins = (env[name] ?? "").split(",").map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    let exact = false;
    try {
      exact = new URL(origin).origin === origin;
    } catch {}
    if (!exact) throw new ConfigError(`${name} must list exact origins such as https://app.example.com, not "${origin}"`);
  }
  return origins;
}

/** Reads the configuration from the environment; a bad value stops the start with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === "production";
  return {
    port: integerSetting(env, "PORT", 4000, 0, 65535),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || join(projectRoot(), ".data"),
    maxQueryDepth: integerSetting(env, "MAX_QUERY_DEPTH", 10, 2, 100),
    maxQueryComplexity: integerSetting(env, "MAX_QUERY_COMPLEXITY", 20000, 10, 10_000_000),
    maxQueryTokens: integerSetting(env, "MAX_QUERY_TOKENS", 10000, 1000, 1_000_000),
    introspection: booleanSetting(env, "GRAPHQL_INTROSPECTION", !production),
    explorer: booleanSetting(env, "GRAPHQL_EXPLORER", !production),
    operationMaxAttempts: integerSetting(env, "OPERATION_MAX_ATTEMPTS", 8, 1, 1000),
    operationRetryBackoffMs: integerSetting(env, "OPERATION_RETRY_BACKOFF_MS", 5000, 0, 3_600_000),
    corsOrigins: originListSetting(env, "CORS_ORIGINS"),
  };
}
