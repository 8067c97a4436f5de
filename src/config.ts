import { isIP } from "node:net";
import { join } from "node:path";
import { ConfigError } from "./config-error";
import { logLevelSetting } from "./log-level";
import { projectRoot } from "./project-root";
import { INSTALLED_VENDORS } from "./vendors/installed-vendors";
import { loadVendorConfig, type VendorsConfig } from "./vendors/vendor-config";
import type { AnyVendorModule } from "./vendors/vendor-module";

export { ConfigError };

/** How the instance talks to PostgreSQL (DATABASE_* settings). */
export interface DatabaseSettings {
  /** Connections per instance; the embedded database always has 1. */
  poolSize: number;
  /** Giving up on opening a connection after this long. */
  connectTimeoutMs: number;
  /** PostgreSQL `statement_timeout`: a statement running longer is cancelled by the server. */
  statementTimeoutMs: number;
  /** PostgreSQL `idle_in_transaction_session_timeout`. */
  idleInTransactionTimeoutMs: number;
  /** A connection that has waited this long for an answer is closed (a partition, a dead server). */
  socketTimeoutMs: number;
  /** TCP keepalive probes start after the connection has been idle this long. */
  keepAliveDelayMs: number;
  /**
   * Hot statements prepared by name once per connection; off behind a pooler that shares server
   * sessions between connections (PgBouncer in transaction mode); always off on the embedded database.
   */
  preparedStatements: boolean;
}

export interface AppConfig {
  port: number;
  /** The address the API listens on; every interface by default. */
  host: string;
  /** Port of GET /metrics, apart from the API. */
  metricsPort: number;
  /** The address GET /metrics listens on; loopback by default. */
  metricsHost: string;
  /** PostgreSQL URL; absent means the embedded database in `dataDir` (in production only when asked for by name, EMBEDDED_DATABASE=true). */
  databaseUrl: string | undefined;
  dataDir: string;
  database: DatabaseSettings;
  logLevel: string;
  production: boolean;
  /** After a SIGTERM or SIGINT the process exits 0 within this long, or non-zero after it. */
  shutdownTimeoutMs: number;
  /** After a SIGTERM or SIGINT, readiness answers 503 this long while requests are still served (a load balancer takes the instance out). */
  shutdownDrainMs: number;
  /** How long the request that starts an operation owns it before recovery may take it over. */
  operationLeaseMs: number;
  /** Pause between recovery rounds. */
  recoveryIntervalMs: number;
  /**
   * How long a checked token is trusted without reading it again, while the instance hears every
   * change of access from PostgreSQL (never on the embedded database); 0: every request reads it.
   */
  tokenCacheMs: number;
  /** Operations nested deeper than this are refused before they run. */
  maxQueryDepth: number;
  /** Operations whose estimated cost is above this are refused before they run. */
  maxQueryComplexity: number;
  /** Documents with more tokens than this are refused while parsing. */
  maxQueryTokens: number;
  /** Subscriptions one graphql-ws connection may hold at once. */
  maxSubscriptionsPerConnection: number;
  /** graphql-ws connections one token may hold at once on one instance. */
  maxConnectionsPerToken: number;
  introspection: boolean;
  /** The offline GraphiQL explorer on GET /graphql. */
  explorer: boolean;
  /** The operator console (a single-page app) on /console. */
  console: boolean;
  /** Vendor attempts an operation gets (the first and recovery's) before it needs attention. */
  operationMaxAttempts: number;
  /** Recovery's wait after the first unknown outcome, doubled after each further one (at most an hour). */
  operationRetryBackoffMs: number;
  /** Browser origins (exact `scheme://host[:port]`) allowed to call /graphql; empty: none. */
  corsOrigins: string[];
  vendors: VendorsConfig;
}

function booleanSetting(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (raw === "true" || raw === "false") return raw === "true";
  throw new ConfigError(`${name} must be true or false, not "${raw}"`);
}

function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return Number(raw);
}

/** An address to listen on: an IP address, or a host name the machine resolves (localhost). */
function hostSetting(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const address = raw.replace(/^\[(.*)\]$/, "$1");
  if (isIP(address) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9-]{1,63})*$/.test(address)) {
    throw new ConfigError(`${name} must be an IP address (0.0.0.0, 127.0.0.1, ::) or a host name, not "${raw}"`);
  }
  return address;
}

function originListSetting(env: NodeJS.ProcessEnv, name: string): string[] {
  const origins = (env[name] ?? "").split(",").map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    let exact = false;
    try {
      exact = new URL(origin).origin === origin;
    } catch {
      // not a URL at all: refused just below
    }
    if (!exact) throw new ConfigError(`${name} must list exact origins such as https://app.example.com, not "${origin}"`);
  }
  return origins;
}

function databaseUrlSetting(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("DATABASE_URL must be a postgres:// URL");
  }
  // The URL may hold a password: it is never repeated in a message.
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") throw new ConfigError("DATABASE_URL must be a postgres:// URL");
  return raw;
}

/**
 * Production runs on PostgreSQL: the embedded database only when asked for by name
 * (EMBEDDED_DATABASE=true), so that a forgotten DATABASE_URL never starts an empty local database.
 */
function requireProductionDatabase(env: NodeJS.ProcessEnv, production: boolean, databaseUrl: string | undefined): void {
  const embedded = booleanSetting(env, "EMBEDDED_DATABASE", false);
  if (embedded && databaseUrl !== undefined) {
    throw new ConfigError("EMBEDDED_DATABASE=true and DATABASE_URL are both set: unset DATABASE_URL to run on the embedded database, or EMBEDDED_DATABASE to run on PostgreSQL");
  }
  if (production && databaseUrl === undefined && !embedded) {
    throw new ConfigError(
      "NODE_ENV=production needs DATABASE_URL: set it to the PostgreSQL server (postgres://user@host:5432/payments) and run `npm run migrate`, or set EMBEDDED_DATABASE=true to run on the embedded database in DATA_DIR on purpose (docs/deploying.md)",
    );
  }
}

const NODE_ENVS = ["production", "development", "test"];

/**
 * Reads and checks every setting of the instance (vendor settings included) from the
 * environment, once, at start; a bad value stops the start with a message naming the variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, vendors: readonly AnyVendorModule[] = INSTALLED_VENDORS): AppConfig {
  if (env.NODE_ENV && !NODE_ENVS.includes(env.NODE_ENV)) {
    throw new ConfigError(`NODE_ENV must be one of ${NODE_ENVS.join(", ")}, not "${env.NODE_ENV}"`);
  }
  const production = env.NODE_ENV === "production";
  const databaseUrl = databaseUrlSetting(env);
  requireProductionDatabase(env, production, databaseUrl);
  const statementTimeoutMs = integerSetting(env, "DATABASE_STATEMENT_TIMEOUT_MS", 15_000, 100, 3_600_000);
  const database: DatabaseSettings = {
    poolSize: databaseUrl === undefined ? 1 : integerSetting(env, "DATABASE_POOL_SIZE", 10, 1, 1000),
    connectTimeoutMs: integerSetting(env, "DATABASE_CONNECT_TIMEOUT_MS", 5_000, 100, 600_000),
    statementTimeoutMs,
    idleInTransactionTimeoutMs: integerSetting(env, "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", 15_000, 100, 3_600_000),
    socketTimeoutMs: integerSetting(env, "DATABASE_SOCKET_TIMEOUT_MS", statementTimeoutMs + 5_000, 200, 3_700_000),
    keepAliveDelayMs: integerSetting(env, "DATABASE_KEEPALIVE_DELAY_MS", 10_000, 1_000, 3_600_000),
    preparedStatements: databaseUrl !== undefined && booleanSetting(env, "DATABASE_PREPARED_STATEMENTS", true),
  };
  if (database.socketTimeoutMs <= statementTimeoutMs) {
    throw new ConfigError(
      `DATABASE_SOCKET_TIMEOUT_MS (${database.socketTimeoutMs}) must be longer than DATABASE_STATEMENT_TIMEOUT_MS (${statementTimeoutMs}): a slow statement is cancelled by the server, a silent connection is closed by us`,
    );
  }
  const vendorSettings = loadVendorConfig(env, vendors);
  const operationLeaseMs = integerSetting(env, "OPERATION_LEASE_MS", 30_000, 1_000, 86_400_000);
  const longestVendorCall = longestVendorCallMs(vendorSettings);
  if (operationLeaseMs <= longestVendorCall) {
    throw new ConfigError(
      `OPERATION_LEASE_MS (${operationLeaseMs}) must be longer than the longest vendor call, VENDOR_TIMEOUT_MS × (VENDOR_RETRIES + 1) plus the backoff between attempts (${longestVendorCall} ms): otherwise recovery could take over an operation whose vendor call is still in flight`,
    );
  }
  const port = integerSetting(env, "PORT", 4000, 0, 65535);
  const metricsPort = integerSetting(env, "METRICS_PORT", 9464, 0, 65535);
  if (port !== 0 && port === metricsPort) throw new ConfigError(`METRICS_PORT must differ from PORT (${port})`);
  const shutdownTimeoutMs = integerSetting(env, "SHUTDOWN_TIMEOUT_MS", 10_000, 100, 600_000);
  const shutdownDrainMs = integerSetting(env, "SHUTDOWN_DRAIN_MS", 0, 0, 600_000);
  if (shutdownDrainMs > 0 && shutdownDrainMs >= shutdownTimeoutMs) {
    throw new ConfigError(
      `SHUTDOWN_DRAIN_MS (${shutdownDrainMs}) must be shorter than SHUTDOWN_TIMEOUT_MS (${shutdownTimeoutMs}): the drain is part of the shutdown, and requests in flight need time to finish after it`,
    );
  }
  return {
    port,
    host: hostSetting(env, "HOST", "0.0.0.0"),
    metricsPort,
    metricsHost: hostSetting(env, "METRICS_HOST", "127.0.0.1"),
    databaseUrl,
    dataDir: env.DATA_DIR || join(projectRoot(), ".data"),
    database,
    logLevel: logLevelSetting(env),
    production,
    shutdownTimeoutMs,
    shutdownDrainMs,
    operationLeaseMs,
    recoveryIntervalMs: integerSetting(env, "RECOVERY_INTERVAL_MS", 5_000, 10, 3_600_000),
    tokenCacheMs: integerSetting(env, "TOKEN_CACHE_MS", 5_000, 0, 60_000),
    maxQueryDepth: integerSetting(env, "MAX_QUERY_DEPTH", 10, 2, 100),
    maxQueryComplexity: integerSetting(env, "MAX_QUERY_COMPLEXITY", 20000, 10, 10_000_000),
    maxQueryTokens: integerSetting(env, "MAX_QUERY_TOKENS", 10000, 1000, 1_000_000),
    maxSubscriptionsPerConnection: integerSetting(env, "MAX_SUBSCRIPTIONS_PER_CONNECTION", 20, 1, 1000),
    maxConnectionsPerToken: integerSetting(env, "MAX_SUBSCRIPTION_CONNECTIONS_PER_TOKEN", 10, 1, 10_000),
    introspection: booleanSetting(env, "GRAPHQL_INTROSPECTION", !production),
    explorer: booleanSetting(env, "GRAPHQL_EXPLORER", !production),
    console: booleanSetting(env, "CONSOLE", true),
    operationMaxAttempts: integerSetting(env, "OPERATION_MAX_ATTEMPTS", 8, 1, 1000),
    operationRetryBackoffMs: integerSetting(env, "OPERATION_RETRY_BACKOFF_MS", 5000, 0, 3_600_000),
    corsOrigins: originListSetting(env, "CORS_ORIGINS"),
    vendors: vendorSettings,
  };
}

/** The longest one vendor call may take: every attempt timing out, with the largest backoff (1 s) between. */
export function longestVendorCallMs(vendors: VendorsConfig): number {
  const { timeoutMs, retries } = vendors.resilience;
  return timeoutMs * (retries + 1) + retries * 1_000;
}
