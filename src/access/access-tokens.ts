import { createHash, randomBytes } from "node:crypto";
import type { DataSource } from "typeorm";
import { queryPrepared } from "../database/prepared-statements";
import { returnedRows } from "../database/returned-rows";
import { SYSTEM_CLOCK, type Clock } from "./clock";
import type { TokenCache } from "./token-cache";
import { permissionsOf, type Permission, type Role } from "./roles";

export enum TokenKind {
  API_KEY = "API_KEY",
  SESSION = "SESSION",
}

/** A session lasts 7 days from creation and 72 hours from its last use, unless remember-me. */
export const SESSION_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
export const SESSION_IDLE_MS = 72 * 3600 * 1000;
/** A token's last use is written at most this often: the 72-hour idle rule needs minutes, not a commit per request. */
export const LAST_USE_PRECISION_MS = 60 * 1000;

/** The token's own reseller, as the token always reaches it. */
export interface OwnReseller {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

export interface Principal {
  tokenId: string;
  prefix: string;
  kind: TokenKind;
  /** When the token stops working by date; null when it never does (a session may still lapse by age or idleness). */
  expiresAt: Date | null;
  resellerId: string;
  reseller: OwnReseller;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** The token's reseller and every reseller below it; "all" for a token of the top of the tree. */
  reachableResellerIds: string[] | "all";
}

export type Authentication =
  | { ok: true; principal: Principal }
  | { ok: false; reason: "MISSING" | "UNKNOWN" | "REVOKED" | "EXPIRED" | "SESSION_EXPIRED" };

const TOKEN_PATTERN = /^(pay_[a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

function hashSecret(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface CreatedToken {
  /** The whole token: shown once, never stored. */
  token: string;
  prefix: string;
}

/** Mints a token for a reseller; only its hash and its visible prefix are kept. */
export async function createAccessToken(
  dataSource: DataSource,
  options: { resellerCode: string; roles: Role[]; kind?: TokenKind; rememberMe?: boolean; expiresAt?: Date | null },
): Promise<CreatedToken> {
  const [reseller] = await dataSource.query(`SELECT id FROM reseller WHERE code = $1`, [options.resellerCode]);
  if (!reseller) throw new Error(`No reseller has the code "${options.resellerCode}".`);
  const prefix = `pay_${randomBytes(5).toString("hex").slice(0, 8)}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  await dataSource.query(
    `INSERT INTO access_token (prefix, secret_hash, kind, reseller_id, roles, remember_me, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [prefix, hashSecret(token), options.kind ?? TokenKind.API_KEY, reseller.id, options.roles, options.rememberMe ?? false, options.expiresAt ?? null],
  );
  return { token, prefix };
}

/** Revokes a token by its prefix; answers whether one was revoked. */
export async function revokeAccessToken(dataSource: DataSource, prefix: string, clock: Clock = SYSTEM_CLOCK): Promise<boolean> {
  const result = await dataSource.query(`UPDATE access_token SET revoked_at = $2 WHERE prefix = $1 AND revoked_at IS NULL RETURNING id`, [
    prefix,
    clock.now(),
  ]);
  return returnedRows(result).length > 0;
}

/** A token as `npm run token -- list` shows it: never its secret or hash. */
export interface TokenListing {
  prefix: string;
  reseller: string;
  roles: Role[];
  kind: TokenKind;
  rememberMe: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** Every token, oldest first, with its reseller's code. */
export async function listAccessTokens(dataSource: DataSource): Promise<TokenListing[]> {
  const rows: Array<Record<string, unknown>> = await dataSource.query(
    `SELECT t.prefix, r.code AS reseller, t.roles, t.kind, t.remember_me, t.created_at, t.last_used_at, t.expires_at, t.revoked_at
       FROM access_token t JOIN reseller r ON r.id = t.reseller_id
      ORDER BY t.created_at, t.prefix`,
  );
  const date = (value: unknown) => (value ? new Date(value as string) : null);
  return rows.map((row) => ({
    prefix: row.prefix as string,
    reseller: row.reseller as string,
    roles: row.roles as Role[],
    kind: row.kind as TokenKind,
    rememberMe: row.remember_me as boolean,
    createdAt: new Date(row.created_at as string),
    lastUsedAt: date(row.last_used_at),
    expiresAt: date(row.expires_at),
    revokedAt: date(row.revoked_at),
  }));
}

export interface AuthenticationRow {
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
  at_top: boolean;
  reseller_code: string;
  reseller_name: string;
  reseller_parent_id: string | null;
  reach: string[] | null;
}

/** A token by its prefix, with its reseller and the reach below it. */
async function readToken(dataSource: DataSource, prefix: string): Promise<AuthenticationRow | undefined> {
  const [row] = await queryPrepared<AuthenticationRow>(
    dataSource.manager,
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

/**
 * Checks a bearer token: known (by hash, compared as a whole), not revoked, not expired; a
 * session also within 7 days of creation and 72 hours of last use unless remember-me. A good
 * token's last use is moved to now when the one recorded is more than a minute old. With a
 * `cache` (src/access/token-cache.ts) the token's row may come from it instead of a statement;
 * the secret and the dates are judged on every request all the same.
 */
export async function authenticate(
  dataSource: DataSource,
  header: string | undefined,
  clock: Clock = SYSTEM_CLOCK,
  cache?: TokenCache<AuthenticationRow>,
): Promise<Authentication> {
  const token = /^Bearer (\S+)$/i.exec(header?.trim() ?? "")?.[1];
  if (!token) return { ok: false, reason: "MISSING" };
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { ok: false, reason: "UNKNOWN" };
  const prefix = match[1];
  const row = cache ? await cache.read(prefix, () => readToken(dataSource, prefix)) : await readToken(dataSource, prefix);
  if (!row || row.secret_hash !== hashSecret(token)) return { ok: false, reason: "UNKNOWN" };

  if (row.revoked_at) return { ok: false, reason: "REVOKED" };
  const now = clock.now().getTime();
  if (row.expires_at && now >= new Date(row.expires_at).getTime()) return { ok: false, reason: "EXPIRED" };
  if (row.kind === TokenKind.SESSION && !row.remember_me) {
    const lastUse = new Date(row.last_used_at ?? row.created_at).getTime();
    if (now >= new Date(row.created_at).getTime() + SESSION_MAX_AGE_MS || now >= lastUse + SESSION_IDLE_MS) {
      return { ok: false, reason: "SESSION_EXPIRED" };
    }
  }
  if (!row.last_used_at || now - new Date(row.last_used_at).getTime() >= LAST_USE_PRECISION_MS) {
    await dataSource.query(`UPDATE access_token SET last_used_at = $2 WHERE id = $1`, [row.id, clock.now()]);
    row.last_used_at = clock.now();
  }
  const roles = row.roles as Role[];
  return {
    ok: true,
    principal: {
      tokenId: row.id,
      prefix: row.prefix,
      kind: row.kind as TokenKind,
      expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      resellerId: row.reseller_id,
      reseller: { id: row.reseller_id, code: row.reseller_code, name: row.reseller_name, parentId: row.reseller_parent_id },
      roles,
      permissions: permissionsOf(roles),
      // The only top of the tree reaches every reseller: no list to carry, no filter to apply.
      reachableResellerIds: row.at_top ? "all" : (row.reach ?? []),
    },
  };
}
