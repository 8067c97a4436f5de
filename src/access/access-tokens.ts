import { createHash, randomBytes } from "node:crypto";
import { storesOf, type Stores } from "../stores/stores";
import type { TokenRow } from "../stores/token-store";
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
  source: Parameters<typeof storesOf>[0],
  options: { resellerCode: string; roles: Role[]; kind?: TokenKind; rememberMe?: boolean; expiresAt?: Date | null },
): Promise<CreatedToken> {
  const stores = storesOf(source);
  const resellerId = await stores.reference.resellerIdByCode(options.resellerCode);
  if (!resellerId) throw new Error(`No reseller has the code "${options.resellerCode}".`);
  const prefix = `pay_${randomBytes(5).toString("hex").slice(0, 8)}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  await stores.tokens.insert({
    prefix,
    secretHash: hashSecret(token),
    kind: options.kind ?? TokenKind.API_KEY,
    resellerId,
    roles: options.roles,
    rememberMe: options.rememberMe ?? false,
    expiresAt: options.expiresAt ?? null,
  });
  return { token, prefix };
}

/** Revokes a token by its prefix; answers whether one was revoked. */
export function revokeAccessToken(source: Parameters<typeof storesOf>[0], prefix: string, clock: Clock = SYSTEM_CLOCK): Promise<boolean> {
  return storesOf(source).tokens.revoke(prefix, clock.now());
}

/** A token's row as authentication reads it (and the token cache keeps it). */
export type AuthenticationRow = TokenRow;

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
export async function listAccessTokens(source: Parameters<typeof storesOf>[0]): Promise<TokenListing[]> {
  return (await storesOf(source).tokens.list()).map((row) => ({ ...row, roles: row.roles as Role[], kind: row.kind as TokenKind }));
}

/**
 * Checks a bearer token: known (by hash, compared as a whole), not revoked, not expired; a
 * session also within 7 days of creation and 72 hours of last use unless remember-me. A good
 * token's last use is moved to now when the one recorded is more than a minute old. With a
 * `cache` (src/access/token-cache.ts) the token's row may come from it instead of a statement;
 * the secret and the dates are judged on every request all the same.
 */
export async function authenticate(
  stores: Stores,
  header: string | undefined,
  clock: Clock = SYSTEM_CLOCK,
  cache?: TokenCache<AuthenticationRow>,
): Promise<Authentication> {
  const token = /^Bearer (\S+)$/i.exec(header?.trim() ?? "")?.[1];
  if (!token) return { ok: false, reason: "MISSING" };
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { ok: false, reason: "UNKNOWN" };
  const prefix = match[1];
  const row = cache ? await cache.read(prefix, () => stores.tokens.byPrefix(prefix)) : await stores.tokens.byPrefix(prefix);
  if (!row || row.secret_hash !== hashSecret(token)) return { ok: false, reason: "UNKNOWN" };

  if (row.revoked_at) return { ok: false, reason: "REVOKED" };
  const now = clock.now().getTime();
  if (row.expires_at && now >= new Date(row.expires_at).getTime()) return { ok: false, reason: "EXPIRED" };
  if ((row.kind as TokenKind) === TokenKind.SESSION && !row.remember_me) {
    const lastUse = new Date(row.last_used_at ?? row.created_at).getTime();
    if (now >= new Date(row.created_at).getTime() + SESSION_MAX_AGE_MS || now >= lastUse + SESSION_IDLE_MS) {
      return { ok: false, reason: "SESSION_EXPIRED" };
    }
  }
  if (!row.last_used_at || now - new Date(row.last_used_at).getTime() >= LAST_USE_PRECISION_MS) {
    await stores.tokens.touch(row.id, clock.now());
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
