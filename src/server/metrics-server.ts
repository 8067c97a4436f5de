import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";
import { logger } from "../observability/logger";
import { listen, urlOf } from "./listen-address";
import { setSecurityHeaders } from "./security-headers";

export interface RunningMetricsServer {
  url: string;
  stop(): Promise<void>;
}

/** GET /metrics on its own port (METRICS_PORT) and address (METRICS_HOST, loopback by default), apart from the public API. */
export async function startMetricsServer(registry: Registry, port: number, host = "127.0.0.1"): Promise<RunningMetricsServer> {
  const server: Server = createServer((req, res) => {
    setSecurityHeaders(res);
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: metrics are at /metrics\n");
      return;
    }
    registry
      .metrics()
      .then((body) => res.writeHead(200, { "content-type": registry.contentType }).end(body))
      .catch((error) => {
        logger.error({ err: error }, "metrics could not be collected");
        res.writeHead(500, { "content-type": "text/plain" }).end("metrics could not be collected\n");
      });
  });
  server.keepAliveTimeout = 5_000;
  await listen(server, port, host);
  return {
    url: urlOf(server, host, "/metrics"),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
