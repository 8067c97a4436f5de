import { createAccessToken, revokeAccessToken } from "../../src/access/access-tokens";
import { TokenCache } from "../../src/access/token-cache";
import { EMBEDDED } from "../support/test-database";
import { useTestApi } from "../support/test-api";

describe("TokenCache", () => {
  let now = 0;
  const clock = () => now;
  const reads: string[] = [];
  const load = (key: string) => async () => {
    reads.push(key);
    return { key };
  };
  beforeEach(() => {
    now = 0;
    reads.length = 0;
  });

  it("keeps nothing until it hears every change", async () => {
    const cache = new TokenCache<{ key: string }>(5_000, clock);
    await cache.read("a", load("a"));
    await cache.read("a", load("a"));
    expect(reads).toEqual(["a", "a"]);
    cache.listening();
    await cache.read("a", load("a"));
    await cache.read("a", load("a"));
    expect(reads).toEqual(["a", "a", "a"]);
  });

  it("reads a row again once its lifetime is over", async () => {
    const cache = new TokenCache<{ key: string }>(5_000, clock);
    cache.listening();
    await cache.read("a", load("a"));
    now = 4_999;
    await cache.read("a", load("a"));
    now = 5_000;
    await cache.read("a", load("a"));
    expect(reads).toEqual(["a", "a"]);
  });

  it("forgets every row on a change, and keeps none while changes may be missed", async () => {
    const cache = new TokenCache<{ key: string }>(5_000, clock);
    cache.listening();
    await cache.read("a", load("a"));
    cache.changed();
    await cache.read("a", load("a"));
    cache.lost();
    await cache.read("a", load("a"));
    await cache.read("a", load("a"));
    expect(reads).toEqual(["a", "a", "a", "a"]);
    expect(cache.size).toBe(0);
  });

  it("keeps nothing from a read that a change overtook", async () => {
    const cache = new TokenCache<{ key: string }>(5_000, clock);
    cache.listening();
    let finish!: () => void;
    const slow = cache.read("a", () => new Promise<{ key: string }>((resolve) => (finish = () => resolve({ key: "stale" }))));
    cache.changed();
    finish();
    expect(await slow).toEqual({ key: "stale" });
    expect(await cache.read("a", load("a"))).toEqual({ key: "a" });
    expect(reads).toEqual(["a"]);
  });

  it("keeps no unknown token", async () => {
    const cache = new TokenCache<{ key: string }>(5_000, clock);
    cache.listening();
    await cache.read("x", async () => undefined);
    expect(cache.size).toBe(0);
  });

  it("is off with a lifetime of 0", async () => {
    const cache = new TokenCache<{ key: string }>(0, clock);
    cache.listening();
    await cache.read("a", load("a"));
    await cache.read("a", load("a"));
    expect(reads).toEqual(["a", "a"]);
  });
});

describe("checked tokens in the API (TOKEN_CACHE_MS)", () => {
  const api = useTestApi({ TOKEN_CACHE_MS: "10000" });
  const QUERY = `{ viewer { tokenPrefix } }`;

  /** Statements one request runs (the viewer query itself runs none). */
  async function statementsOf(headers?: Record<string, string>): Promise<{ status: number; statements: number }> {
    const before = api.dataSource.sqlLogger.statementCount;
    const res = await api.graphql(QUERY, undefined, headers);
    return { status: res.status, statements: api.dataSource.sqlLogger.statementCount - before };
  }

  /** Repeats a request until it runs no statement: the instance listens and keeps the token. */
  async function untilKept(headers?: Record<string, string>): Promise<void> {
    const deadline = Date.now() + 10_000;
    while ((await statementsOf(headers)).statements > 0) {
      if (Date.now() > deadline) throw new Error("the token was never kept");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Repeats a request until it is refused (a change was heard). */
  async function untilRefused(headers: Record<string, string>): Promise<number> {
    const started = Date.now();
    while ((await api.graphql(QUERY, undefined, headers)).status !== 401) {
      if (Date.now() - started > 5_000) throw new Error("the change was never heard");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return Date.now() - started;
  }

  if (EMBEDDED) {
    it("is off on the embedded database: every request reads its token", async () => {
      const { token } = await createAccessToken(api.dataSource, { resellerCode: "acme", roles: ["viewer"] });
      const headers = { authorization: `Bearer ${token}` };
      await statementsOf(headers); // the first use is written
      for (let i = 0; i < 3; i++) expect(await statementsOf(headers)).toEqual({ status: 200, statements: 1 });
    });
    return;
  }

  it("answers a known token without a statement, while a wrong secret is still refused", async () => {
    const { token } = await createAccessToken(api.dataSource, { resellerCode: "acme", roles: ["viewer"] });
    const headers = { authorization: `Bearer ${token}` };
    await untilKept(headers);
    expect(await statementsOf(headers)).toEqual({ status: 200, statements: 0 });
    const wrong = `${token.slice(0, -4)}${token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    expect((await statementsOf({ authorization: `Bearer ${wrong}` })).status).toBe(401);
  });

  it("refuses a token revoked by another connection as soon as the revocation commits", async () => {
    const { token, prefix } = await createAccessToken(api.dataSource, { resellerCode: "acme", roles: ["viewer"] });
    const headers = { authorization: `Bearer ${token}` };
    await untilKept(headers);
    expect(await revokeAccessToken(api.dataSource, prefix)).toBe(true);
    expect(await untilRefused(headers)).toBeLessThan(2_000);
    const res = await api.graphql(QUERY, undefined, headers);
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("sees a token's new roles and a reseller moved in the tree", async () => {
    const { token, prefix } = await createAccessToken(api.dataSource, { resellerCode: "acme-cyprus", roles: ["admin"] });
    const headers = { authorization: `Bearer ${token}` };
    const viewer = `{ viewer { roles reseller { code parentId } } }`;
    await untilKept(headers);
    await api.dataSource.query(`UPDATE access_token SET roles = '{viewer}' WHERE prefix = $1`, [prefix]);
    const deadline = Date.now() + 2_000;
    let roles: string[] = [];
    while (Date.now() < deadline && !(roles.length === 1 && roles[0] === "VIEWER")) roles = (await api.graphql(viewer, undefined, headers)).data.viewer.roles;
    expect(roles).toEqual(["VIEWER"]);

    // globex moved below the token's reseller: its payments come within reach at once.
    const count = async () => (await api.graphql(`{ payments { totalCount } }`, undefined, headers)).data.payments.totalCount as number;
    await untilKept(headers);
    const before = await count();
    const [{ id: cyprus }] = await api.dataSource.query(`SELECT id FROM reseller WHERE code = 'acme-cyprus'`);
    const [{ parent_id: formerParent }] = await api.dataSource.query(`SELECT parent_id FROM reseller WHERE code = 'globex'`);
    const [{ globex }] = await api.dataSource.query(`SELECT count(*)::int AS globex FROM payment p JOIN reseller r ON r.id = p.reseller_id WHERE r.code = 'globex'`);
    expect(globex).toBeGreaterThan(0);
    try {
      await api.dataSource.query(`UPDATE reseller SET parent_id = $1 WHERE code = 'globex'`, [cyprus]);
      let after = before;
      const until = Date.now() + 2_000;
      while (Date.now() < until && after === before) after = await count();
      expect(after).toBe(before + globex);
    } finally {
      await api.dataSource.query(`UPDATE reseller SET parent_id = $1 WHERE code = 'globex'`, [formerParent]);
    }
  });

  it("reads every token again while it cannot listen, and keeps them again once it can", async () => {
    const { token } = await createAccessToken(api.dataSource, { resellerCode: "acme", roles: ["viewer"] });
    const headers = { authorization: `Bearer ${token}` };
    await untilKept(headers);
    const [{ count }] = await api.dataSource.query(
      `SELECT count(pg_terminate_backend(pid))::int AS count FROM pg_stat_activity WHERE application_name LIKE '% changes' AND datname = current_database()`,
    );
    expect(count).toBeGreaterThanOrEqual(1);
    // Until the listener is back, no request trusts a kept row.
    const deadline = Date.now() + 2_000;
    let sawRead = false;
    while (Date.now() < deadline && !sawRead) sawRead = (await statementsOf(headers)).statements > 0;
    expect(sawRead).toBe(true);
    await untilKept(headers);
    expect(await statementsOf(headers)).toEqual({ status: 200, statements: 0 });
  });
});
