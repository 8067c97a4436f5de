import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { createAccessToken } from "../../src/access/access-tokens";
import type { AppDataSource } from "../../src/database/data-source";
import { projectRoot } from "../../src/project-root";
import { START_MESSAGE } from "../../src/server/start-line";
import { buildServer, startApiProcess, until, type ApiProcess } from "../support/api-process";
import { openTestDatabase, workerDatabaseUrl } from "../support/test-database";

/**
 * The API as a platform runs it: a JSON start line and JSON access lines when stdout is not a
 * terminal, HOST and METRICS_HOST (metrics on loopback by default), a drain after SIGTERM in which
 * readiness says 503 while requests are still served, and a fatal line without a stack.
 */
let db: AppDataSource;
let token: string;
const running: ApiProcess[] = [];

beforeAll(async () => {
  buildServer();
  db = await openTestDatabase();
  token = (await createAccessToken(db, { resellerCode: "platform", roles: ["admin"] })).token;
}, 180_000);
afterAll(async () => {
  for (const api of running) if (api.process.exitCode === null) api.process.kill("SIGKILL");
  await db.destroy();
});

async function start(env: NodeJS.ProcessEnv = {}): Promise<ApiProcess> {
  const api = await startApiProcess(workerDatabaseUrl(), { LOG_LEVEL: "info", ...env });
  running.push(api);
  return api;
}

/** The JSON lines an instance wrote, parsed; a line that is not JSON fails the test. */
function jsonLines(output: string): Array<Record<string, any>> {
  return output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line));
}

function ask(url: string, body: object, headers: Record<string, string> = {}) {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) });
}

/** An address of this machine that is not loopback, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === "IPv4" && !address.internal)?.address;
}

describe("logs when stdout is not a terminal", () => {
  it("start with one JSON line instead of the banner, and write one access line per request, never its variables", async () => {
    const api = await start();
    const start_ = jsonLines(api.output()).find((line) => line.msg === START_MESSAGE)!;
    expect(start_).toMatchObject({ level: 30, url: api.url, database: "postgresql", production: false });
    expect(start_.metrics).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(api.output()).not.toContain("Try:");

    const secret = "4111-1111-1111-1111";
    const answer = await ask(api.url, { query: "query FindOne($number: String!) { payment(identifier: { number: $number }) { number } }", variables: { number: secret }, operationName: "FindOne" }, { "x-request-id": "req-access-1" });
    expect(answer.status).toBe(200);
    const viaGet = await fetch(`${api.url}?query=${encodeURIComponent("query Q($n: Int!) { payments(first: $n) { totalCount } }")}&variables=${encodeURIComponent(JSON.stringify({ n: 1, note: secret }))}`, {
      headers: { authorization: `Bearer ${token}`, "x-request-id": "req-access-2" },
    });
    expect(viaGet.status).toBe(200);
    const refused = await ask(api.url, { query: "{ viewer { roles } }" }, { authorization: "Bearer pay_00000000_notavalidtokenatallnotavalidtokenatallnotav", "x-request-id": "req-access-3" });
    expect(refused.status).toBe(401);

    const lines = await until(
      () => jsonLines(api.output()).filter((line) => line.msg === "request" && String(line.requestId).startsWith("req-access-")),
      (found) => found.length === 3,
      5_000,
    );
    const prefix = token.slice(0, 12);
    expect(lines[0]).toMatchObject({ level: 30, requestId: "req-access-1", method: "POST", path: "/graphql", status: 200, operationName: "FindOne", operationType: "query", operation: "payment", tokenPrefix: prefix });
    expect(typeof lines[0].ms).toBe("number");
    expect(lines[1]).toMatchObject({ requestId: "req-access-2", method: "GET", path: "/graphql", status: 200, operationType: "query", operation: "payments", tokenPrefix: prefix });
    expect(lines[2]).toMatchObject({ requestId: "req-access-3", status: 401, tokenPrefix: "pay_00000000" });
    expect(api.output()).not.toContain(secret);
    expect(api.output()).not.toContain(token.slice(13));

    api.process.kill("SIGTERM");
    expect(await api.exited).toBe(0);
  });

  it("end a failed start with a fatal line without a stack, unless debugging", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "0.0.0.0", resolve));
    const port = String((taken.address() as AddressInfo).port);
    try {
      const failedStart = (logLevel: string) =>
        new Promise<string>((resolve) => {
          const child = spawn(process.execPath, [join(projectRoot(), "dist", "src", "main.js")], {
            env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: logLevel, DATABASE_URL: workerDatabaseUrl(), DATABASE_POOL_SIZE: "1", DATABASE_PREPARED_STATEMENTS: "false", PORT: port, METRICS_PORT: "0" },
            stdio: ["ignore", "pipe", "pipe"],
          });
          let output = "";
          child.stdout.on("data", (chunk) => (output += chunk));
          child.stderr.on("data", (chunk) => (output += chunk));
          child.once("exit", () => resolve(output));
        });
      const quiet = await failedStart("info");
      const fatal = JSON.parse(quiet.split("\n").find((line) => line.includes('"level":60'))!);
      expect(fatal).toMatchObject({ msg: "the API could not start", failure: { type: "Error", code: "EADDRINUSE" } });
      expect(quiet).not.toMatch(/"stack"|\n {4}at /);
      expect(quiet).toContain("The API could not start: listen EADDRINUSE");

      const debugging = await failedStart("debug");
      const detailed = JSON.parse(debugging.split("\n").find((line) => line.includes('"level":60'))!);
      expect(detailed.err.stack).toMatch(/EADDRINUSE[\s\S]*at /);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe("binding", () => {
  it("listens on HOST, and serves the metrics on loopback unless METRICS_HOST says otherwise", async () => {
    const external = externalAddress();
    const api = await start();
    const metricsUrl = jsonLines(api.output()).find((line) => line.msg === START_MESSAGE)!.metrics as string;
    expect((await fetch(metricsUrl)).status).toBe(200);
    if (external) {
      const port = new URL(metricsUrl).port;
      await expect(fetch(`http://${external}:${port}/metrics`)).rejects.toThrow();
      expect((await fetch(`http://${external}:${new URL(api.url).port}/health/live`)).status).toBe(200);
    }
    api.process.kill("SIGTERM");
    expect(await api.exited).toBe(0);

    const loopback = await start({ HOST: "127.0.0.1", METRICS_HOST: "0.0.0.0" });
    expect(loopback.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const loopbackMetrics = jsonLines(loopback.output()).find((line) => line.msg === START_MESSAGE)!.metrics as string;
    expect(loopbackMetrics).toMatch(/^http:\/\/localhost:\d+\/metrics$/);
    if (external) {
      await expect(fetch(`http://${external}:${new URL(loopback.url).port}/health/live`)).rejects.toThrow();
      expect((await fetch(`http://${external}:${new URL(loopbackMetrics).port}/metrics`)).status).toBe(200);
    }
    loopback.process.kill("SIGTERM");
    expect(await loopback.exited).toBe(0);
  });
});

describe("draining", () => {
  it("answers /health/ready 503 for SHUTDOWN_DRAIN_MS after SIGTERM while still serving requests, then stops and exits 0", async () => {
    const api = await start({ SHUTDOWN_DRAIN_MS: "2000" });
    const ready = api.url.replace("/graphql", "/health/ready");
    expect((await fetch(ready)).status).toBe(200);
    const signalled = Date.now();
    api.process.kill("SIGTERM");
    const probe = await until(() => fetch(ready), (response) => response.status === 503, 1_000);
    expect(probe.status).toBe(503);
    expect(await probe.json()).toEqual({ status: "stopping" });
    // Still serving, on new connections too, for the drain.
    for (let i = 0; i < 3; i++) {
      const answer = await ask(api.url, { query: "{ payments(first: 1) { totalCount } }" });
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { data: { payments: { totalCount: number } } }).data.payments.totalCount).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(Date.now() - signalled).toBeLessThan(2_000);
    expect(await api.exited).toBe(0);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(2_000);
    await expect(fetch(ready)).rejects.toThrow();
    expect(jsonLines(api.output()).some((line) => line.msg === "draining: readiness answers 503 while requests are still served" && line.drainMs === 2000)).toBe(true);
  });
});
