import cors from "cors";
import type { Middleware } from "./middleware";

/**
 * Cross-origin access to /graphql for browser frontends on the listed exact origins: they may
 * send `Authorization` and `content-type` (and Apollo's preflight header). Any other origin gets
 * no `access-control-allow-origin`, so browsers keep its pages out. With no origins, nobody.
 */
export function corsForOrigins(origins: readonly string[]): Middleware {
  return cors({
    origin: [...origins],
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["authorization", "content-type", "apollo-require-preflight", "x-apollo-operation-name", "x-request-id"],
    exposedHeaders: ["x-request-id"],
    maxAge: 600,
  });
}
