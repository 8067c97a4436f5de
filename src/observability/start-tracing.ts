import { tracingWanted } from "./tracing-settings";
import type { Tracing } from "./tracing";

/**
 * Imported first by main.ts, before anything that loads http, pg or graphql: traces start when
 * the standard OTEL_* settings ask for them (tracing-settings.ts). Otherwise the SDK is not even
 * loaded.
 */
export const tracing: Tracing = tracingWanted(process.env)
  ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when traces are asked for, before http, pg and graphql
    (require("./tracing") as typeof import("./tracing")).startTracing(process.env)
  : { shutdown: async () => {} };
