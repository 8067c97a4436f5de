import { buildServer } from "../support/api-process";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../../src/project-root";
import { TokenKind } from "../../src/access/access-tokens";
import { formatTokens, parseCreateArguments, parseTokenCommand, USAGE } from "../../src/scripts/token";
import { startTestApi, type TestApi } from "../support/test-api";
import { EMBEDDED, workerDatabaseUrl } from "../support/test-database";

const run = promisify(execFile);
let api: TestApi;
beforeAll(async () => {
  buildServer();
  api = await startTestApi();
}, 120_000);
afterAll(() => api.close());

/** The built `npm run token` command on the worker's database (or another). */
function tokenCommand(...args: string[]) {
  return tokenCommandOn(workerDatabaseUrl(), ...args);
}
function tokenCommandOn(databaseUrl: string, ...args: string[]) {
  return run(process.execPath, [join(projectRoot(), "dist", "src", "scripts", "token.js"), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: "1", DATABASE_PREPARED_STATEMENTS: String(!EMBEDDED), LOG_LEVEL: "silent" },
  });
}

async function tokenRows(): Promise<number> {
  const [{ count }] = await api.dataSource.query(`SELECT count(*)::int AS count FROM access_token`);
  return count;
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
    [["create", "--reseller", "platform", "--role", "viewer", "--expires-at", "2020-01-31T00:00:00Z"], /--expires-at 2020-01-31T00:00:00.000Z is in the past: the token would never work/, 2],
    [["frobnicate"], /unknown command "frobnicate"/, 2],
    [[], /a command is required/, 2],
  ])("refuses %j with a clear message, and mints nothing", async (args, message, exitCode) => {
    const before = await tokenRows();
    const error: any = await tokenCommand(...args).then(() => null, (e) => e);
    expect(error?.code).toBe(exitCode);
    expect(error.stderr).toMatch(message);
    expect(error.stdout).toBe("");
    if (exitCode === 2) expect(error.stderr).toContain(USAGE);
    expect(await tokenRows()).toBe(before);
  });

  it.each([[["--help"]], [["-h"]], [["help"]], [["create", "--help"]], [["list", "--help"]]])("prints its usage for %j, without a database", async (args) => {
    // Nothing listens on port 1: the usage needs no database.
    const help = await tokenCommandOn("postgres://postgres@127.0.0.1:1/none", ...args);
    expect(help.stdout.trim()).toBe(USAGE);
    expect(help.stderr).toBe("");
  });

  it("lists every token, never a secret or a hash, tab-separated when not on a terminal", async () => {
    const created = await tokenCommand("create", "--reseller", "acme-europe", "--role", "viewer", "--role", "operator", "--session", "--expires-at", "2031-05-01T12:00:00Z");
    const token = /^(pay_\S+)$/m.exec(created.stdout)![1];
    const prefix = token.slice(0, 12);
    await api.graphql(`{ viewer { tokenPrefix } }`, undefined, { authorization: `Bearer ${token}` });
    await tokenCommand("revoke", prefix);

    const listed = await tokenCommand("list");
    const lines = listed.stdout.trim().split("\n");
    expect(lines[0]).toBe("PREFIX\tRESELLER\tROLES\tKIND\tCREATED\tLAST USED\tEXPIRES\tREVOKED");
    expect(lines).toHaveLength((await tokenRows()) + 1);
    const row = lines.find((line) => line.startsWith(prefix))!.split("\t");
    expect(row.slice(0, 4)).toEqual([prefix, "acme-europe", "viewer,operator", "session"]);
    expect(row[4]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(row[5]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(row[6]).toBe("2031-05-01T12:00:00Z");
    expect(row[7]).toMatch(/^\d{4}-\d\d-\d\dT/);
    const hashes: Array<{ secret_hash: string }> = await api.dataSource.query(`SELECT secret_hash FROM access_token`);
    for (const { secret_hash } of hashes) expect(listed.stdout).not.toContain(secret_hash);
    expect(listed.stdout).not.toContain(token.slice(13));

    const table = await tokenCommand("list", "--format", "table");
    expect(table.stdout).toMatch(/^PREFIX {8}RESELLER +ROLES +KIND +CREATED +LAST USED +EXPIRES +REVOKED\n/);
    expect(table.stdout).toMatch(new RegExp(`^${prefix}  acme-europe +viewer,operator +session +`, "m"));
    expect(table.stdout.trim().split("\n").at(-1)).toBe(`${lines.length - 1} tokens`);
  });
});

describe("token arguments", () => {
  const now = new Date("2026-06-01T00:00:00Z");

  it.each([
    [["--reseller", "acme"], /at least one --role/],
    [["--role", "viewer"], /--reseller is required/],
    [["--reseller", "acme", "--role", "root"], /unknown role "root"/],
    [["--reseller", "acme", "--role", "viewer", "--remember-me"], /for sessions/],
    [["--reseller", "acme", "--role", "viewer", "--expires-at", "soon"], /ISO date/],
    [["--reseller"], /^--reseller needs a value$/],
    [["--reseller", "--role", "viewer"], /^--reseller needs a value$/],
    [["--reseller", "acme", "--role", "viewer", "--color"], /^unknown option --color$/],
    [["--reseller", "acme", "--role", "viewer", "extra"], /^unexpected argument extra$/],
    [["--reseller", "acme", "--role", "viewer", "--expires-at", "2026-05-31T23:59:59Z"], /^--expires-at 2026-05-31T23:59:59.000Z is in the past/],
    [["--reseller", "acme", "--role", "viewer", "--expires-at", "2026-06-01T00:00:00Z"], /is in the past/],
  ])("refuses %j", (args, message) => {
    expect(() => parseCreateArguments(args, now)).toThrow(message);
  });

  it("tells the commands apart, and list's format by whether it writes to a terminal", () => {
    expect(parseTokenCommand(["list"], now, false)).toEqual({ command: "list", format: "tsv" });
    expect(parseTokenCommand(["list"], now, true)).toEqual({ command: "list", format: "table" });
    expect(parseTokenCommand(["list", "--format", "tsv"], now, true)).toEqual({ command: "list", format: "tsv" });
    expect(() => parseTokenCommand(["list", "--format", "json"], now)).toThrow('--format is table or tsv, not "json"');
    expect(parseTokenCommand(["revoke", "pay_1a2b3c4d"], now)).toEqual({ command: "revoke", prefix: "pay_1a2b3c4d" });
    expect(() => parseTokenCommand(["revoke"], now)).toThrow("revoke takes one token prefix");
    expect(parseTokenCommand(["create", "--reseller", "acme", "--role", "viewer", "--expires-at", "2026-06-01T00:00:01Z"], now)).toMatchObject({
      command: "create",
      options: { expiresAt: new Date("2026-06-01T00:00:01Z") },
    });
  });

  it("formats a list as aligned columns on a terminal", () => {
    const tokens = [
      { prefix: "pay_00000001", reseller: "platform", roles: ["admin" as const], kind: TokenKind.API_KEY, rememberMe: false, createdAt: new Date("2026-01-02T03:04:05.678Z"), lastUsedAt: null, expiresAt: null, revokedAt: null },
      { prefix: "pay_00000002", reseller: "acme", roles: ["viewer" as const], kind: TokenKind.SESSION, rememberMe: true, createdAt: new Date("2026-01-03T00:00:00Z"), lastUsedAt: new Date("2026-01-04T00:00:00Z"), expiresAt: null, revokedAt: new Date("2026-01-05T00:00:00Z") },
    ];
    expect(formatTokens(tokens, "table").split("\n")).toEqual([
      "PREFIX        RESELLER  ROLES   KIND                   CREATED               LAST USED             EXPIRES  REVOKED",
      "pay_00000001  platform  admin   API key                2026-01-02T03:04:05Z  never                 never    no",
      "pay_00000002  acme      viewer  session (remember me)  2026-01-03T00:00:00Z  2026-01-04T00:00:00Z  never    2026-01-05T00:00:00Z",
      "2 tokens",
    ]);
  });

  it("reads every option", () => {
    expect(parseCreateArguments(["--reseller", "acme", "--role", "viewer", "--role", "operator", "--session", "--expires-at", "2027-01-31T00:00:00Z"], now)).toEqual({
      resellerCode: "acme",
      roles: ["viewer", "operator"],
      kind: "SESSION",
      rememberMe: false,
      expiresAt: new Date("2027-01-31T00:00:00Z"),
      newResellerName: null,
    });
    expect(parseCreateArguments(["--reseller", "platform", "--new-reseller", "Payments Platform", "--role", "admin"], now)).toMatchObject({
      resellerCode: "platform",
      newResellerName: "Payments Platform",
    });
    expect(() => parseCreateArguments(["--reseller", "platform", "--new-reseller", " ", "--role", "admin"], now)).toThrow("--new-reseller needs the reseller's name");
  });
});
