import type { EventEmitter } from "node:events";
import { Client, type ClientConfig } from "pg";
import { logger } from "../observability/logger";

/**
 * A `pg` client whose connection is closed when PostgreSQL has been silent for too long while
 * it was in use: a statement is cancelled by the server after `statement_timeout`, but across a
 * network partition no answer ever comes, and without this the request (or readiness probe)
 * holding the connection would wait for the whole outage. The pool then drops the connection
 * and the statement fails with a connection error.
 *
 * Every client also keeps an `error` listener of its own for its whole life: the pool listens
 * only while a client is idle and TypeORM only once it holds one, so a connection that
 * PostgreSQL ends in between (a terminated backend, a failover) would otherwise be an unhandled
 * `error` event that ends the process. The statement under way still fails, and the pool drops
 * the client.
 *
 * What a client hears on a channel is passed on to `notifications` (the embedded database hands a
 * notification to the connection that commits it: src/database/channel-listener.ts).
 */
export function watchedClientClass(silenceLimitMs: number, notifications?: EventEmitter): typeof Client {
  return class WatchedClient extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      const stream = (this as unknown as { connection: { stream: NodeJS.EventEmitter & { setTimeout(ms: number): void; destroy(error?: Error): void } } })
        .connection.stream;
      this.on("error", (error: Error & { code?: string }) => {
        logger.warn({ code: error.code, reason: error.message }, "a database connection was ended");
      });
      if (notifications) this.on("notification", (message) => notifications.emit("notification", message));
      stream.setTimeout(silenceLimitMs);
      stream.on("timeout", () => {
        if (!this.busy) return;
        stream.destroy(new Error(`Connection terminated: the database was silent for ${silenceLimitMs} ms`));
      });
    }

    private get busy(): boolean {
      const state = this as unknown as { _activeQuery?: unknown; _connecting?: boolean };
      return Boolean(state._activeQuery) || Boolean(state._connecting);
    }
  };
}
