import { connect, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy a test puts between the API and PostgreSQL, to cut the link (connections reset,
 * new ones refused) or pause it (a partition: connections stay open, nothing gets through), or
 * to strike right after a chosen statement (see `StatementFault`).
 */
export interface TcpProxy {
  /** `host:port` of the proxy. */
  address: string;
  cut(): void;
  pause(): void;
  restore(): void;
  /**
   * Counts the statements PostgreSQL finishes from now on, over every connection (a statement is
   * one simple query or one extended-protocol Sync: each ends with a ReadyForQuery), and strikes
   * after the given one; `null` only counts.
   */
  arm(fault: StatementFault | null): void;
  /** Statements finished since the last `arm`. */
  readonly statements: number;
  /** True once the armed fault has struck. */
  readonly struck: boolean;
  /** Ends every open connection as `pg_terminate_backend` does (FATAL 57P01, then the end); answers how many. */
  terminateAll(): number;
  /** The local ports of the proxy's connections to PostgreSQL (`client_port` in `pg_stat_activity`). */
  upstreamPorts(): number[];
  close(): Promise<void>;
}

/**
 * What happens after the `after`-th statement:
 * - `terminate`: its answer reaches the client, then PostgreSQL's own FATAL 57P01 (what
 *   `pg_terminate_backend` sends) and the end of the connection; the server rolls back whatever
 *   transaction was open on it;
 * - `withhold`: the statement ran, but the client gets the FATAL instead of its answer;
 * - `strike`: the callback runs before the answer is passed on (e.g. SIGKILL of the client's
 *   process), and nothing more passes on that connection.
 */
export type StatementFault = { after: number; action: "terminate" | "withhold" } | { after: number; action: "strike"; strike: () => void };

/** The ErrorResponse PostgreSQL sends to a backend ended by `pg_terminate_backend`. */
function adminShutdownMessage(): Buffer {
  return fatalErrorResponse("57P01", "terminating connection due to administrator command");
}

/** A FATAL ErrorResponse of PostgreSQL's wire protocol, with its SQLSTATE and message. */
export function fatalErrorResponse(sqlState: string, message: string): Buffer {
  const fields = ["SFATAL", "VFATAL", `C${sqlState}`, `M${message}`];
  const body = Buffer.concat([...fields.map((field) => Buffer.from(`${field}\0`)), Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** Splits what the server sends into whole protocol messages; ReadyForQuery ('Z') ends a statement. */
class ServerMessages {
  private pending: Buffer = Buffer.alloc(0);

  /** The complete messages received so far, each as [type, bytes]. */
  push(chunk: Buffer): Array<[string, Buffer]> {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: Array<[string, Buffer]> = [];
    let offset = 0;
    while (this.pending.length - offset >= 5) {
      const length = this.pending.readInt32BE(offset + 1);
      if (this.pending.length - offset < 1 + length) break;
      messages.push([String.fromCharCode(this.pending[offset]), this.pending.subarray(offset, offset + 1 + length)]);
      offset += 1 + length;
    }
    this.pending = this.pending.subarray(offset);
    return messages;
  }
}

/** Where the proxy forwards to: a TCP address, or a unix socket path. */
export type ProxyTarget = { host: string; port: number } | { path: string };

/** The PostgreSQL server a `postgres://` URL names: its `?host=` socket folder, or its host and port. */
export function postgresTarget(url: string): ProxyTarget {
  const parsed = new URL(url);
  const socketDir = parsed.searchParams.get("host");
  if (socketDir?.startsWith("/")) return { path: `${socketDir}/.s.PGSQL.${parsed.port || 5432}` };
  return { host: parsed.hostname, port: Number(parsed.port || 5432) };
}

/** A proxy in front of the database a `postgres://` URL names, and the same URL through the proxy. */
export async function proxyDatabase(url: string): Promise<{ proxy: TcpProxy; url: string }> {
  const proxy = await startTcpProxy(postgresTarget(url));
  const proxied = new URL(url);
  proxied.host = proxy.address;
  proxied.searchParams.delete("host");
  return { proxy, url: proxied.toString() };
}

export async function startTcpProxy(target: ProxyTarget): Promise<TcpProxy> {
  let mode: "open" | "cut" | "paused" = "open";
  const pairs = new Set<[Socket, Socket]>();
  const held: Socket[] = [];
  let fault: StatementFault | null = null;
  let statements = 0;
  let struck = false;

  /** Passes the server's messages on (each chunk in one write), counting statements, and strikes after the armed one. */
  function relay(client: Socket, upstream: Socket, messages: Array<[string, Buffer]>, connection: { started: boolean; ending: boolean }): void {
    const passed: Buffer[] = [];
    for (const [type, bytes] of messages) {
      if (type !== "Z" || !connection.started) {
        // The first ReadyForQuery ends the connection's start-up, not a statement.
        if (type === "Z") connection.started = true;
        passed.push(bytes);
        continue;
      }
      statements += 1;
      if (!fault || struck || statements !== fault.after) {
        passed.push(bytes);
        continue;
      }
      struck = true;
      if (fault.action === "strike") {
        fault.strike();
      } else {
        if (fault.action === "terminate") passed.push(bytes);
        // The FATAL is flushed before the client's side closes.
        connection.ending = true;
        client.end(Buffer.concat([...passed, adminShutdownMessage()]));
      }
      upstream.destroy();
      return;
    }
    if (passed.length > 0) client.write(passed.length === 1 ? passed[0] : Buffer.concat(passed));
  }

  const server: Server = createServer((client) => {
    client.on("error", () => {});
    if (mode === "cut") {
      client.resetAndDestroy();
      return;
    }
    if (mode === "paused") {
      held.push(client); // accepted, never answered: a partition
      return;
    }
    const upstream = "path" in target ? connect(target.path) : connect(target.port, target.host);
    client.setNoDelay(true);
    if (!("path" in target)) upstream.setNoDelay(true);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => pairs.delete(pair);
    client.on("close", () => {
      upstream.destroy();
      drop();
    });
    const connection = { started: false, ending: false };
    upstream.on("close", () => {
      if (!connection.ending) client.destroy();
      drop();
    });
    client.on("data", (chunk) => {
      if (mode === "open") upstream.write(chunk);
    });
    const messages = new ServerMessages();
    upstream.on("data", (chunk: Buffer) => {
      if (mode === "open" && !upstream.destroyed) relay(client, upstream, messages.push(chunk), connection);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    address: `127.0.0.1:${port}`,
    cut() {
      mode = "cut";
      for (const [client, upstream] of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    pause() {
      // Data in flight is dropped from now on, both ways, and new connections hang.
      mode = "paused";
    },
    restore() {
      mode = "open";
      // Connections that lived through a partition have lost bytes: they cannot be trusted.
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
      for (const socket of held.splice(0)) socket.destroy();
    },
    terminateAll() {
      // The client closes on the FATAL; its side's close ends the connection to the server.
      let ended = 0;
      for (const [client] of pairs) {
        if (!client.writable) continue;
        client.end(adminShutdownMessage());
        ended += 1;
      }
      return ended;
    },
    upstreamPorts() {
      return [...pairs].map(([, upstream]) => upstream.localPort).filter((port): port is number => port !== undefined);
    },
    arm(next) {
      fault = next;
      statements = 0;
      struck = false;
    },
    get statements() {
      return statements;
    },
    get struck() {
      return struck;
    },
    async close() {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      for (const socket of held.splice(0)) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
