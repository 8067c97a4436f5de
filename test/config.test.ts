import { buildServer } from "./support/api-process";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, loadConfig } from "../src/config";
import { projectRoot } from "../src/project-root";

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("the settings were accepted");
}

describe("settings", () => {
  it("have defaults for everything", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      metricsPort: 9464,
      shutdownTimeoutMs: 10_000,
      operationLeaseMs: 30_000,
      recoveryIntervalMs: 5_000,
      logLevel: "info",
      database: { poolSize: 1, connectTimeoutMs: 5_000, statementTimeoutMs: 15_000, idleInTransactionTimeoutMs: 15_000, socketTimeoutMs: 20_000, keepAliveDelayMs: 10_000, preparedStatements: false },
    });
    expect(loadConfig({ DATABASE_URL: "postgres://db/payments" }).database).toMatchObject({ poolSize: 10, preparedStatements: true });
    expect(loadConfig({ DATABASE_URL: "postgres://db/payments", DATABASE_PREPARED_STATEMENTS: "false" }).database.preparedStatements).toBe(false);
  });

  it.each([
    [{ OPERATION_LEASE_MS: "30s" }, /OPERATION_LEASE_MS must be a whole number/],
    [{ SHUTDOWN_TIMEOUT_MS: "-1" }, /SHUTDOWN_TIMEOUT_MS/],
    [{ METRICS_PORT: "70000" }, /METRICS_PORT/],
    [{ PORT: "4000", METRICS_PORT: "4000" }, /METRICS_PORT must differ from PORT/],
    [{ DATABASE_POOL_SIZE: "ten", DATABASE_URL: "postgres://db/x" }, /DATABASE_POOL_SIZE/],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: "1.5" }, /DATABASE_STATEMENT_TIMEOUT_MS/],
    [{ DATABASE_URL: "postgres://db/x", DATABASE_PREPARED_STATEMENTS: "no" }, /DATABASE_PREPARED_STATEMENTS must be true or false/],
    [{ TOKEN_CACHE_MS: "61000" }, /TOKEN_CACHE_MS must be a whole number from 0 to 60000/],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: "30000", DATABASE_SOCKET_TIMEOUT_MS: "20000" }, /DATABASE_SOCKET_TIMEOUT_MS .* must be longer than DATABASE_STATEMENT_TIMEOUT_MS/],
    [{ LOG_LEVEL: "verbose" }, /LOG_LEVEL must be one of/],
    [{ NODE_ENV: "prod" }, /NODE_ENV must be one of/],
    [{ GRAPHQL_EXPLORER: "yes" }, /GRAPHQL_EXPLORER must be true or false/],
    [{ VENDOR_TIMEOUT_MS: "0" }, /VENDOR_TIMEOUT_MS/],
    [{ CRMCOM_BASE_URL: "http://crm.example" }, /CRMCOM_TOKEN is required/],
    [{ HOST: "not a host" }, /HOST must be an IP address \(0.0.0.0, 127.0.0.1, ::\) or a host name, not "not a host"/],
    [{ METRICS_HOST: "http://x" }, /METRICS_HOST must be an IP address/],
    [{ SHUTDOWN_DRAIN_MS: "soon" }, /SHUTDOWN_DRAIN_MS must be a whole number from 0 to 600000/],
    [{ SHUTDOWN_DRAIN_MS: "10000" }, /SHUTDOWN_DRAIN_MS \(10000\) must be shorter than SHUTDOWN_TIMEOUT_MS \(10000\)/],
    [{ EMBEDDED_DATABASE: "yes" }, /EMBEDDED_DATABASE must be true or false/],
    [{ EMBEDDED_DATABASE: "true", DATABASE_URL: "postgres://db/x" }, /EMBEDDED_DATABASE=true and DATABASE_URL are both set/],
  ])("refuse %j with a message naming the variable", (env, message) => {
    expect(refusal(env)).toMatch(message);
  });

  it("listen on every interface for the API and on loopback for the metrics, unless HOST and METRICS_HOST say otherwise; drain for nothing by default", () => {
    expect(loadConfig({})).toMatchObject({ host: "0.0.0.0", metricsHost: "127.0.0.1", shutdownDrainMs: 0 });
    expect(loadConfig({ HOST: "127.0.0.1", METRICS_HOST: "[::]", SHUTDOWN_DRAIN_MS: "5000" })).toMatchObject({ host: "127.0.0.1", metricsHost: "::", shutdownDrainMs: 5000 });
    expect(loadConfig({ HOST: "localhost" }).host).toBe("localhost");
  });

  it("in production, refuse to start without DATABASE_URL unless the embedded database is asked for by name", () => {
    expect(refusal({ NODE_ENV: "production" })).toBe(
      "NODE_ENV=production needs DATABASE_URL: set it to the PostgreSQL server (postgres://user@host:5432/payments) and run `npm run migrate`, or set EMBEDDED_DATABASE=true to run on the embedded database in DATA_DIR on purpose (docs/deploying.md)",
    );
    expect(refusal({ NODE_ENV: "production", EMBEDDED_DATABASE: "false" })).toMatch(/NODE_ENV=production needs DATABASE_URL/);
    expect(loadConfig({ NODE_ENV: "production", EMBEDDED_DATABASE: "true" })).toMatchObject({ production: true, databaseUrl: undefined });
    expect(loadConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://db/payments" }).databaseUrl).toBe("postgres://db/payments");
    expect(loadConfig({}).databaseUrl).toBeUndefined();
  });

  it("never repeat a database URL (it may hold a password)", () => {
    const message = refusal({ DATABASE_URL: "mysql://admin:hunter2@db/payments" });
    expect(message).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(message).not.toContain("hunter2");
  });

  it("refuse a lease that a vendor call can outlast", () => {
    // 3 attempts of 10 s plus 2 s of backoff: 32 s > the 30 s lease.
    expect(refusal({ VENDOR_TIMEOUT_MS: "10000", VENDOR_RETRIES: "2" })).toMatch(/OPERATION_LEASE_MS \(30000\) must be longer than the longest vendor call.*32000 ms/);
    expect(refusal({ OPERATION_LEASE_MS: "9000" })).toMatch(/OPERATION_LEASE_MS \(9000\).*11000 ms/);
    expect(loadConfig({ VENDOR_TIMEOUT_MS: "10000", VENDOR_RETRIES: "2", OPERATION_LEASE_MS: "32001" }).operationLeaseMs).toBe(32001);
  });

  it("are read from the environment in one place only", () => {
    // The tracing SDK reads the standard OTEL_* settings itself, before anything else loads.
    const allowed = new Set(["config.ts", join("vendors", "vendor-config.ts"), join("observability", "logger.ts"), join("observability", "start-tracing.ts")]);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith(".ts") && /process\.env\b/.test(readFileSync(path, "utf8"))) {
          const relative = path.slice(join(projectRoot(), "src").length + 1);
          if (!allowed.has(relative)) offenders.push(relative);
        }
      }
    };
    walk(join(projectRoot(), "src"));
    expect(offenders).toEqual([]);
  });
});

describe("the API with a bad setting", () => {
  it("refuses to start, naming the variable, before it opens the database", () => {
    buildServer();
    for (const [env, message] of [
      [{ OPERATION_LEASE_MS: "30s" }, /OPERATION_LEASE_MS must be a whole number/],
      [{ OPERATION_LEASE_MS: "5000", VENDOR_TIMEOUT_MS: "5000" }, /OPERATION_LEASE_MS \(5000\) must be longer than the longest vendor call/],
    ] as const) {
      const run = spawnSync(process.execPath, [join(projectRoot(), "dist", "src", "main.js")], {
        env: { PATH: process.env.PATH, DATA_DIR: "/nonexistent/never-created", PORT: "0", METRICS_PORT: "0", ...env },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
    }
  }, 120_000);
});
