import { connect, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy a test puts between the API and PostgreSQL, to cut the link (connections reset,
 * new ones refused) or pause it (a partition: connections stay open, nothing gets through).
 */
export interface TcpProxy {
  /** `host:port` of the proxy. */
  address: string;
  cut(): void;
  pause(): void;
  restore(): void;
  close(): Promise<void>;
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

export async function startTcpProxy(target: ProxyTarget): Promise<TcpProxy> {
  let mode: "open" | "cut" | "paused" = "open";
  const pairs = new Set<[Socket, Socket]>();
  const held: Socket[] = [];

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
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => pairs.delete(pair);
    client.on("close", () => {
      upstream.destroy();
      drop();
    });
    upstream.on("close", () => {
      client.destroy();
      drop();
    });
    client.on("data", (chunk) => {
      if (mode === "open") upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (mode === "open") client.write(chunk);
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
