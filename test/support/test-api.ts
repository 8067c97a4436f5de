import type { AppDataSource } from "../../src/database/data-source";
import type { VendorCode } from "../../src/domain/enums";
import type { PaymentOperationPipeline } from "../../src/operations/operation-pipeline";
import { createAccessToken } from "../../src/access/access-tokens";
import type { Clock } from "../../src/access/clock";
import { buildApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import type { ApiServerDependencies, RunningApiServer } from "../../src/server/api-server";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import { INSTALLED_VENDORS } from "../../src/vendors/installed-vendors";
import type { AnyVendorModule } from "../../src/vendors/vendor-module";
import type { VendorRegistry } from "../../src/vendors/vendor-registry";
import { EMBEDDED, openTestDatabase, workerDatabaseUrl } from "./test-database";
import type { PaymentDatabase } from "../../src/stores/stores";
import type { Metrics } from "../../src/observability/metrics";
import { startMetricsServer } from "../../src/server/metrics-server";

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>;
}

export interface TestApi {
  url: string;
  /** GET /metrics of this instance, on its own port. */
  metricsUrl: string;
  metrics: Metrics;
  dataSource: AppDataSource;
  /** The stores over that data source. */
  db: PaymentDatabase;
  server: RunningApiServer;
  vendors: VendorRegistry;
  operations: PaymentOperationPipeline;
  /** An admin token of the top demo reseller, sent unless a request gives its own headers. */
  token: string;
  limits: ApiServerDependencies["limits"];
  emulator(vendor: VendorCode): VendorEmulator;
  /** SQL statements a GraphQL request runs, less those every request runs to authenticate. */
  countStatements(run: () => Promise<unknown>): Promise<number>;
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * The real API, put together by the composition root (buildApp) with the given vendors, on an
 * ephemeral port over the worker's database (emptied and loaded with those vendors' demo data),
 * forwarding to their built-in emulators, spoken to over HTTP.
 */
export async function startTestApi(
  env: NodeJS.ProcessEnv = {},
  clock?: Clock,
  database: Parameters<typeof openTestDatabase>[0] = {},
  /** The vendor modules of this instance: the installed ones unless a test adds its own. */
  modules: readonly AnyVendorModule[] = INSTALLED_VENDORS,
): Promise<TestApi> {
  const dataSource = await openTestDatabase({ ...database, seed: false });
  // Vendor calls wait 2 s and retry once; recovery retries at once unless a test sets a backoff.
  // The worker's database is the instance's, named as production must name it; the emulators are asked for by name.
  const production = env.NODE_ENV === "production" ? { DATABASE_URL: workerDatabaseUrl(), VENDOR_EMULATORS: "true" } : {};
  const config = loadConfig({ VENDOR_TIMEOUT_MS: "2000", VENDOR_RETRIES: "1", OPERATION_RETRY_BACKOFF_MS: "0", TOKEN_CACHE_MS: "0", ...production, ...env }, modules);
  const app = await buildApp(config, modules, {
    database: { dataSource, embedded: EMBEDDED, applied: [], close: () => dataSource.destroy() },
    seedDemoData: database.seed !== false,
  });
  const { db, metrics, vendors: registry, operations } = app;
  const limits = config;
  const server = await app.startServer(0, { clock });
  const metricsServer = await startMetricsServer(metrics.registry, 0, "127.0.0.1");
  const { token } = await createAccessToken(dataSource, { resellerCode: "platform", roles: ["admin"] });
  const authorization = { authorization: `Bearer ${token}` };
  return {
    token,
    limits,
    url: server.url,
    metricsUrl: metricsServer.url,
    metrics,
    dataSource,
    db,
    server,
    vendors: registry,
    operations,
    emulator(vendor) {
      const found = app.emulators.find((e) => e.vendor === vendor);
      if (!found) throw new Error(`no emulator for ${vendor}`);
      return found;
    },
    graphql: (query, variables, headers) => postGraphQL(server.url, query, variables, headers ?? authorization),
    async countStatements(run) {
      const counter = dataSource.sqlLogger;
      let before = counter.statementCount;
      await postGraphQL(server.url, "{ __typename }", undefined, authorization);
      const perRequest = counter.statementCount - before;
      before = counter.statementCount;
      await run();
      return counter.statementCount - before - perRequest;
    },
    async close() {
      await server.stop();
      await metricsServer.stop();
      await app.close();
    },
  };
}

export async function postGraphQL(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse, "status">;
  return { status: response.status, ...body };
}

/**
 * The test API of a test file: started in its own `beforeAll`, closed in its own `afterAll`.
 * The handle forwards to the running instance, so it is used inside tests and hooks only.
 */
export function useTestApi(...args: Parameters<typeof startTestApi>): TestApi {
  let started: TestApi | undefined;
  beforeAll(async () => {
    started = await startTestApi(...args);
  });
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as TestApi, {
    get(_target, name) {
      if (!started) throw new Error("the test API starts in beforeAll: use it inside tests and hooks");
      const value = Reflect.get(started, name);
      return typeof value === "function" ? value.bind(started) : value;
    },
  });
}
