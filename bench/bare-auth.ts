/**
 * The bare server's authentication, with the API's trust: a token's row (with its reseller reach)
 * is kept for TOKEN_CACHE_MS while a connection of its own LISTENs for changes of access, and
 * forgotten on any change; the secret's hash, revocation and expiry are judged on every request;
 * the last use is written at most once a minute. Not part of the product.
 */
import { createHash } from "node:crypto";
import { Client, type Pool } from "pg";

export interface Principal {
  tokenId: string;
  prefix: string;
  resellerId: string;
  /** null: the top of the tree, which reaches every reseller (as in the API, no filter is applied). */
  reach: string[] | null;
}

interface TokenRow {
  id: string;
  prefix: string;
  secret_hash: string;
  reseller_id: string;
  revoked_at: Date | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  at_top: boolean;
  reach: string[] | null;
}

const TOKEN_ROW = `WITH RECURSIVE reach(id) AS (
    SELECT t.reseller_id FROM access_token t WHERE t.prefix = $1
    UNION SELECT r.id FROM reseller r JOIN reach ON r.parent_id = reach.id)
  SELECT t.id, t.prefix, t.secret_hash, t.reseller_id, t.revoked_at, t.expires_at, t.last_used_at,
         top.parent_id IS NULL AND NOT EXISTS (SELECT 1 FROM reseller o WHERE o.parent_id IS NULL AND o.id <> top.id) AS at_top,
         (SELECT array_agg(id)::text[] FROM reach) AS reach
    FROM access_token t JOIN reseller top ON top.id = t.reseller_id WHERE t.prefix = $1`;

export function authenticator(pool: Pool, lifetimeMs: number) {
  const kept = new Map<string, { row: TokenRow; keptAt: number }>();
  let listening = false;
  let generation = 0;
  const forget = () => {
    generation += 1;
    kept.clear();
  };

  const listener = new Client({ connectionString: process.env.DATABASE_URL });
  listener.on("notification", forget);
  listener.on("error", () => ((listening = false), forget()));
  const ready =
    lifetimeMs > 0
      ? listener.connect().then(() => listener.query("LISTEN access_changes")).then(() => void (listening = true))
      : Promise.resolve();

  async function row(prefix: string): Promise<TokenRow | undefined> {
    const hit = kept.get(prefix);
    if (listening && hit && performance.now() - hit.keptAt < lifetimeMs) return hit.row;
    const before = generation;
    const { rows } = await pool.query<TokenRow>({ name: "bare_token", text: TOKEN_ROW, values: [prefix] });
    if (rows[0] && listening && before === generation) kept.set(prefix, { row: rows[0], keptAt: performance.now() });
    return rows[0];
  }

  return {
    ready,
    stop: () => listener.end(),
    async authenticate(header: string | undefined): Promise<Principal | null> {
      const token = /^Bearer (\S+)$/i.exec(header ?? "")?.[1];
      const match = token ? /^(pay_[a-z0-9]{8})_([A-Za-z0-9_-]{43})$/.exec(token) : null;
      if (!token || !match) return null;
      const found = await row(match[1]);
      if (!found || found.secret_hash !== createHash("sha256").update(token).digest("hex") || found.revoked_at) return null;
      const now = Date.now();
      if (found.expires_at && now >= new Date(found.expires_at).getTime()) return null;
      if (!found.last_used_at || now - new Date(found.last_used_at).getTime() >= 60_000) {
        await pool.query({ name: "bare_touch", text: `UPDATE access_token SET last_used_at = $2 WHERE id = $1`, values: [found.id, new Date(now)] });
        found.last_used_at = new Date(now);
      }
      return { tokenId: found.id, prefix: found.prefix, resellerId: found.reseller_id, reach: found.at_top ? null : found.reach };
    },
  };
}
