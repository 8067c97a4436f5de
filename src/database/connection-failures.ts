/** Where DATABASE_URL points, without its password: what a message may name. */
export interface DatabaseAddress {
  host: string;
  port: string;
  database: string;
  user: string;
}

export function databaseAddress(url: string): DatabaseAddress {
  const parsed = new URL(url);
  return {
    // `?host=/folder` is a unix socket folder, as libpq reads it.
    host: parsed.searchParams.get("host") ?? (decodeURIComponent(parsed.hostname) || "localhost"),
    port: parsed.searchParams.get("port") ?? (parsed.port || "5432"),
    database: decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username) || "postgres",
    user: decodeURIComponent(parsed.username) || "postgres",
  };
}

/** `host:port/database`, as messages name a database. */
export function describeAddress(address: DatabaseAddress): string {
  return `${address.host}:${address.port}/${address.database}`;
}

/** A PostgreSQL that cannot be used, said in one line with what to do; its `cause` is the driver's error. */
export class DatabaseConnectionError extends Error {}

function codeOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; errors?: unknown[] } | undefined;
  if (typeof e?.code === "string") return e.code;
  // Node tries every address of a name (localhost: ::1 and 127.0.0.1) and throws them all together.
  return Array.isArray(e?.errors) ? codeOf(e.errors[0]) : undefined;
}

/**
 * Why PostgreSQL at `url` could not be reached or entered, in one line that says what to do;
 * undefined for any other error.
 */
export function connectionFailure(error: unknown, url: string): DatabaseConnectionError | undefined {
  const address = databaseAddress(url);
  const at = `${address.host}:${address.port}`;
  const serverMessage = error instanceof Error ? error.message : String(error);
  const code = codeOf(error);
  let message: string | undefined;
  if (code === "3D000") {
    const flags = address.host === "localhost" && address.port === "5432" ? "" : `-h ${address.host} -p ${address.port} `;
    message = `database "${address.database}" does not exist on ${at}: create it with \`createdb ${flags}-U ${address.user} ${address.database}\` (or CREATE DATABASE), then run \`npm run migrate\``;
  } else if (code === "ECONNREFUSED" || code === "ENOENT") {
    message = `nothing answers at ${at}: start PostgreSQL there, or set DATABASE_URL to the server's address`;
  } else if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    message = `the host "${address.host}" of DATABASE_URL is not known: check DATABASE_URL`;
  } else if (code === "ETIMEDOUT" || code === "EHOSTUNREACH" || code === "ENETUNREACH" || /timeout/i.test(serverMessage)) {
    message = `PostgreSQL at ${at} did not answer in time: check DATABASE_URL, the network and the firewall (DATABASE_CONNECT_TIMEOUT_MS)`;
  } else if (code === "28000" || code === "28P01") {
    message = `PostgreSQL at ${at} refused the user "${address.user}" (${serverMessage}): check the user and password in DATABASE_URL`;
  } else if (code === "57P03") {
    message = `PostgreSQL at ${at} is starting up or shutting down: try again in a moment`;
  }
  return message === undefined ? undefined : new DatabaseConnectionError(message, { cause: error });
}
