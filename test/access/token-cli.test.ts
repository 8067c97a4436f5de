import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../../src/project-root";
import { parseCreateArguments } from "../../src/scripts/token";
import { startTestApi, type TestApi } from "../support/test-api";
import { EMBEDDED, workerDatabaseUrl } from "../support/test-database";

const run = promisify(execFile);
let api: TestApi;
beforeAll(async () => {
  await run("npm", ["run", "-s", "build"], { cwd: projectRoot() });
  api = await startTestApi();
}, 120_000);
afterAll(() => api.close());

/** The built `npm run token` command on the worker's database. */
function tokenCommand(...args: string[]) {
  return run(process.execPath, [join(projectRoot(), "dist", "src", "scripts", "token.js"), ...args], {
    env: { ...process.env, DATABASE_URL: workerDatabaseUrl(), DATABASE_POOL_SIZE: "1", DATABASE_PREPARED_STATEMENTS: String(!EMBEDDED), LOG_LEVEL: "silent" },
  });
}

describe("npm run token", () => {
  it("creates a token, prints it once, and revokes it by prefix", async () => {
    const created = await tokenCommand("create", "--reseller", "acme-europe", "--role", "viewer");
    const token = /^(pay_\S+)$/m.exec(created.stdout)?.[1];
    expect(token).toBeDefined();
    const prefix = token!.slice(0, 12);
    expect(created.stdout).toContain(`Token ${prefix} (API key, viewer at acme-europe)`);
    const ok = await api.graphql(`{ payments(first: 1) { totalCount } }`, undefined, { authorization: `Bearer ${token}` });
    expect(ok.errors).toBeUndefined();

    const revoked = await tokenCommand("revoke", prefix);
    expect(revoked.stdout).toContain(`Token ${prefix} revoked.`);
    const refused = await api.graphql(`{ payments(first: 1) { totalCount } }`, undefined, { authorization: `Bearer ${token}` });
    expect(refused.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("creates a remember-me session", async () => {
    const created = await tokenCommand("create", "--reseller", "platform", "--role", "operator", "--session", "--remember-me");
    expect(created.stdout).toMatch(/\(session, operator at platform\)/);
    const prefix = /Token (pay_[a-z0-9]{8})/.exec(created.stdout)![1];
    const [row] = await api.dataSource.query(`SELECT kind, remember_me, roles FROM access_token WHERE prefix = $1`, [prefix]);
    expect(row).toEqual({ kind: "SESSION", remember_me: true, roles: ["operator"] });
  });

  it.each([
    [["create", "--reseller", "nope", "--role", "viewer"], /No reseller has the code "nope"/, 1],
    [["revoke", "pay_00000000"], /No active token has the prefix/, 1],
    [["create", "--role", "viewer"], /--reseller is required/, 2],
    [["frobnicate"], /unknown command/, 2],
  ])("refuses %j with a clear message", async (args, message, exitCode) => {
    const error: any = await tokenCommand(...args).then(() => null, (e) => e);
    expect(error?.code).toBe(exitCode);
    expect(error.stderr).toMatch(message);
  });
});

describe("token arguments", () => {
  it.each([
    [["--reseller", "acme"], /at least one --role/],
    [["--reseller", "acme", "--role", "root"], /unknown role "root"/],
    [["--reseller", "acme", "--role", "viewer", "--remember-me"], /for sessions/],
    [["--reseller", "acme", "--role", "viewer", "--expires-at", "soon"], /ISO date/],
    [["--reseller"], /needs a value/],
  ])("refuses %j", (args, message) => {
    expect(() => parseCreateArguments(args)).toThrow(message);
  });

  it("reads every option", () => {
    expect(parseCreateArguments(["--reseller", "acme", "--role", "viewer", "--role", "operator", "--session", "--expires-at", "2027-01-31T00:00:00Z"])).toEqual({
      resellerCode: "acme",
      roles: ["viewer", "operator"],
      kind: "SESSION",
      rememberMe: false,
      expiresAt: new Date("2027-01-31T00:00:00Z"),
    });
  });
});
