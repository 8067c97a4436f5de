import { queryPrepared } from "../database/prepared-statements";
import { Store } from "./store";

/** Where PostgreSQL announces every committed change of access (migration 1764300000000). */
export const ACCESS_CHANGES_CHANNEL = "access_changes";

/** A token as authentication reads it: its row, its reseller, and the resellers it reaches. */
export interface TokenRow {
  id: string;
  prefix: string;
  secret_hash: string;
  kind: string;
  reseller_id: string;
  roles: string[];
  remember_me: boolean;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  /** The token's reseller is the one top of the tree: it reaches every reseller. */
  at_top: boolean;
  reseller_code: string;
  reseller_name: string;
  reseller_parent_id: string | null;
  /** Its reseller and every one below it; null at the top. */
  reach: string[] | null;
}

/** A token to keep: its visible prefix and the hash of its secret, never the secret. */
export interface NewToken {
  prefix: string;
  secretHash: string;
  kind: string;
  resellerId: string;
  roles: readonly string[];
  rememberMe: boolean;
  expiresAt: Date | null;
}

/** The `access_token` table. */
export class TokenStore extends Store {
  async insert(token: NewToken): Promise<void> {
    await queryPrepared(
      this.sql,
      `INSERT INTO access_token (prefix, secret_hash, kind, reseller_id, roles, remember_me, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [token.prefix, token.secretHash, token.kind, token.resellerId, token.roles, token.rememberMe, token.expiresAt],
    );
  }

  /** Revokes a token by its prefix; answers whether one was revoked. */
  async revoke(prefix: string, at: Date): Promise<boolean> {
    const rows = await queryPrepared(this.sql, `UPDATE access_token SET revoked_at = $2 WHERE prefix = $1 AND revoked_at IS NULL RETURNING id`, [prefix, at]);
    return rows.length > 0;
  }

  /** A token by its prefix, with its reseller and the reach below it. */
  async byPrefix(prefix: string): Promise<TokenRow | undefined> {
    const [row] = await queryPrepared<TokenRow>(
      this.sql,
      `WITH RECURSIVE reach(id) AS (
         SELECT t.reseller_id FROM access_token t WHERE t.prefix = $1
         UNION SELECT r.id FROM reseller r JOIN reach ON r.parent_id = reach.id)
       SELECT t.id, t.prefix, t.secret_hash, t.kind, t.reseller_id, t.roles, t.remember_me, t.created_at, t.last_used_at,
              t.expires_at, t.revoked_at, s.at_top, own.code AS reseller_code, own.name AS reseller_name, own.parent_id AS reseller_parent_id,
              CASE WHEN s.at_top THEN NULL ELSE (SELECT array_agg(id)::text[] FROM reach) END AS reach
         FROM access_token t JOIN reseller own ON own.id = t.reseller_id
              -- The one reseller at the top of the tree reaches them all; with several roots, none does.
              CROSS JOIN LATERAL (SELECT own.parent_id IS NULL AND NOT EXISTS (
                SELECT 1 FROM reseller other WHERE other.parent_id IS NULL AND other.id <> own.id) AS at_top) s
        WHERE t.prefix = $1`,
      [prefix],
    );
    return row;
  }

  /** Every token, oldest first, with its reseller's code: never its secret or hash. */
  list(): Promise<Array<{ prefix: string; reseller: string; roles: string[]; kind: string; rememberMe: boolean; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null }>> {
    return queryPrepared(
      this.sql,
      `SELECT t.prefix, r.code AS reseller, t.roles, t.kind, t.remember_me AS "rememberMe", t.created_at AS "createdAt", t.last_used_at AS "lastUsedAt",
              t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt"
         FROM access_token t JOIN reseller r ON r.id = t.reseller_id
        ORDER BY t.created_at, t.prefix`,
      [],
    );
  }

  /** Moves a token's last use. */
  async touch(id: string, at: Date): Promise<void> {
    await queryPrepared(this.sql, `UPDATE access_token SET last_used_at = $2 WHERE id = $1`, [id, at]);
  }
}
