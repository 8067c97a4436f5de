import { Client, type ClientConfig } from "pg";

/**
 * A `pg` client whose connection is closed when PostgreSQL has been silent for too long while
 * it was in use: a statement is cancelled by the server after `statement_timeout`, but across a
 * network partition no answer ever comes, and without this the request (or readiness probe)
 * holding the connection would wait for the whole outage. The pool then drops the connection
 * and the statement fails with a connection error.
 */
export function watchedClientClass(silenceLimitMs: number): typeof Client {
  return class WatchedClient extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      const stream = (this as unknown as { connection: { stream: NodeJS.EventEmitter & { setTimeout(ms: number): void; destroy(error?: Error): void } } })
        .connection.stream;
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
  } as typeof Client;
}
