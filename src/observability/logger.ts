import pino from "pino";

/** The one application logger. Secrets are redacted wherever they may appear. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  redact: {
    paths: ["token", "*.token", "apiKey", "*.apiKey", "headers.authorization", "headers['x-api-token']"],
    censor: "[redacted]",
  },
});
export type AppLogger = typeof logger;
