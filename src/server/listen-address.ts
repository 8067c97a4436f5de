import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Hosts that mean "every interface": a URL to reach them names localhost instead. */
const WILDCARDS = new Set(["0.0.0.0", "::", ""]);

/** Starts listening on host:port; resolves once it does, rejects when it cannot (the port taken, the address not local). */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** The URL of a path on a listening server, naming the host it listens on (localhost for every interface). */
export function urlOf(server: Server, host: string, path: string): string {
  const { port } = server.address() as AddressInfo;
  const name = WILDCARDS.has(host) ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}${path}`;
}
