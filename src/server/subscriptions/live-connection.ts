import type { WebSocket } from "ws";
import type { Authentication, Principal } from "../../access/access-tokens";
import { Permission } from "../../access/roles";
import { isDatabaseUnavailable } from "../../database/database-failures";
import { reaches } from "../../domain/reach";
import { logger } from "../../observability/logger";

/**
 * Why the API closes a subscription connection: the close code, and a reason that starts with the
 * code a client switches on (the reason of a WebSocket close frame holds at most 123 bytes).
 */
export const CLOSE = {
  /** No token, or one that is unknown, revoked or expired: at connection_init or whenever it is checked again. */
  UNAUTHENTICATED: { code: 4401, reason: "UNAUTHENTICATED: the token is missing, unknown, revoked or expired" },
  SESSION_EXPIRED: { code: 4401, reason: "SESSION_EXPIRED: the session has expired; sign in again" },
  /** The token may not read payments (payment:read). */
  FORBIDDEN: { code: 4403, reason: "FORBIDDEN: the token may not read payments (payment:read)" },
  /** The token already holds MAX_SUBSCRIPTION_CONNECTIONS_PER_TOKEN connections on this instance. */
  TOO_MANY_CONNECTIONS: { code: 4430, reason: "TOO_MANY_CONNECTIONS: this token holds the most connections allowed; close one" },
  /** The database cannot be reached, or committed changes could be missed: connect again shortly, then read the current state. */
  SERVICE_UNAVAILABLE: { code: 1013, reason: "SERVICE_UNAVAILABLE: live changes cannot be heard now; connect again shortly" },
  /** The instance is stopping: connect again (another instance answers). */
  GOING_AWAY: { code: 1001, reason: "GOING_AWAY: the instance is stopping; connect again" },
  INTERNAL_SERVER_ERROR: { code: 4500, reason: "INTERNAL_SERVER_ERROR" },
} as const;

export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];

/**
 * One graphql-ws connection and the token it was opened with: checked at connection_init, before
 * each subscription and each change handed on, and whenever access changes; the connection is
 * closed (with its CLOSE code) as soon as a check fails.
 */
export class LiveConnection {
  principal: Principal | undefined;
  /** The token this connection is counted against (MAX_SUBSCRIPTION_CONNECTIONS_PER_TOKEN), once accepted. */
  countedFor: string | undefined;
  private closed = false;

  constructor(
    readonly id: string,
    private readonly socket: WebSocket,
    private readonly authenticate: (header: string | undefined) => Promise<Authentication>,
  ) {}

  /** The Authorization value the client gave in connection_init's payload (or, for non-browser clients, in the upgrade request). */
  header: string | undefined;

  /** The check under way, and when it started. */
  private pending: { startedAt: number; result: Promise<boolean> } | undefined;
  /** The context the connection's subscriptions resolve one change with, and that change. */
  private resolving: { change: object; principal: Principal; context: unknown } | undefined;

  /**
   * Whether the token still holds; closes the connection when it does not. A check that started
   * at or after `startedSince` (performance.now()) and is still under way answers for this one
   * too: the subscriptions of a connection that hear one change check the token once, never with
   * a check begun before they heard it. Without `startedSince` a new check always starts.
   */
  check(startedSince = Infinity): Promise<boolean> {
    if (this.pending && this.pending.startedAt >= startedSince) return this.pending.result;
    const pending = { startedAt: performance.now(), result: this.checkNow() };
    this.pending = pending;
    void pending.result.finally(() => {
      if (this.pending === pending) this.pending = undefined;
    });
    return pending.result;
  }

  /**
   * The context every subscription of this connection resolves `change` with, for the caller as
   * last checked (`make`'s, once per change and check): one set of loaders, so that a payment the
   * change names is read once per connection.
   */
  contextFor<T>(change: object, make: (principal: Principal) => T): T {
    const principal = this.principal!;
    if (this.resolving?.change !== change || this.resolving.principal !== principal) this.resolving = { change, principal, context: make(principal) };
    return this.resolving.context as T;
  }

  /** The start of the check whose answer `principal` holds: an older check never overwrites a newer one. */
  private principalCheckedAt = -Infinity;

  private async checkNow(): Promise<boolean> {
    if (this.closed) return false;
    const startedAt = performance.now();
    let authentication: Authentication;
    try {
      authentication = await this.authenticate(this.header);
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        logger.warn({ err: error, connection: this.id }, "database unreachable while checking a subscription's token");
        this.close(CLOSE.SERVICE_UNAVAILABLE);
      } else {
        logger.error({ err: error, connection: this.id }, "unexpected error while checking a subscription's token");
        this.close(CLOSE.INTERNAL_SERVER_ERROR);
      }
      return false;
    }
    if (this.closed) return false;
    if (!authentication.ok) {
      this.close(authentication.reason === "SESSION_EXPIRED" ? CLOSE.SESSION_EXPIRED : CLOSE.UNAUTHENTICATED);
      return false;
    }
    if (!authentication.principal.permissions.has(Permission.PAYMENT_READ)) {
      this.close(CLOSE.FORBIDDEN);
      return false;
    }
    if (startedAt >= this.principalCheckedAt) {
      this.principal = authentication.principal;
      this.principalCheckedAt = startedAt;
    }
    return true;
  }

  /** Whether the caller, as last checked, reaches the payments of this reseller. */
  reaches(resellerId: string): boolean {
    return this.principal !== undefined && reaches({ resellerIds: this.principal.reachableResellerIds }, resellerId);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(why: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(why.code, why.reason);
  }

  /** Marks a connection the client or the network closed. */
  ended(): void {
    this.closed = true;
  }
}

/** The Authorization value of connection_init's payload: `authorization` (any case), or a bare `token`. */
export function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  for (const [key, value] of Object.entries(params)) {
    if (key.toLowerCase() === "authorization" && typeof value === "string") return value;
  }
  return typeof params.token === "string" ? `Bearer ${params.token}` : undefined;
}
