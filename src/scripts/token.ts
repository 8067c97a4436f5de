import "reflect-metadata";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { createAccessToken, listAccessTokens, revokeAccessToken, TokenKind, type TokenListing } from "../access/access-tokens";
import { isRole, ROLES, type Role } from "../access/roles";
import { loadConfig } from "../config";
import { openDatabase } from "../database/open-database";
import { quietLogsUnlessAsked } from "../observability/logger";
import { PaymentDatabase } from "../stores/stores";

export const USAGE = `Mints, lists and revokes access tokens, on DATABASE_URL's PostgreSQL, or on the embedded
database in DATA_DIR when it is unset (stop the API first: one process at a time uses a data folder).

Usage:
  npm run token -- create --reseller <code> --role <${Object.keys(ROLES).join("|")}> [--role …] [--session] [--remember-me] [--expires-at <ISO date>] [--new-reseller <name>]
  npm run token -- list [--format table|tsv]
  npm run token -- revoke <prefix>
  npm run token -- --help

create    mints a token and prints it once (only its hash is kept)
  --reseller <code>     the reseller it belongs to: it reaches that reseller and every one below
  --role <role>         ${Object.keys(ROLES).join(", ")}; repeat it for several
  --session             a session (lapses 7 days after creation, 72 hours after last use) instead of an API key
  --remember-me         a session that never lapses by age or idleness
  --expires-at <date>   when it stops working, in the future (ISO 8601, such as 2027-01-31T00:00:00Z)
  --new-reseller <name> adds the reseller <code> at the top of the tree, named <name>, first (the first
                        admin token of a new database); refused when a reseller has that code
list      every token: prefix, reseller, roles, kind, created, last used, expiry, revoked; never a secret
  --format <format>     table (the default on a terminal) or tsv (tab-separated, the default otherwise)
revoke    revokes the token with that prefix (pay_xxxxxxxx)`;

/** A command line that cannot be run: said with the usage, exit 2. */
export class UsageError extends Error {}

interface CreateOptions {
  resellerCode: string;
  roles: Role[];
  kind: TokenKind;
  rememberMe: boolean;
  expiresAt: Date | null;
  /** Add the reseller at the top of the tree, with this name, before minting. */
  newResellerName: string | null;
}

type ListFormat = "table" | "tsv";

export type TokenCommand =
  | { command: "help" }
  | { command: "create"; options: CreateOptions }
  | { command: "list"; format: ListFormat }
  | { command: "revoke"; prefix: string };

/** node:util parseArgs, strict, with its refusals said as usage errors. */
function parse<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T, positionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const option = /Option '(-[^ ']+)/.exec((error as Error).message)?.[1];
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) throw new UsageError(`${option} needs a value`);
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`unknown option ${/'([^']*)'/.exec((error as Error).message)?.[1] ?? ""}`.trim());
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new UsageError(`unexpected argument ${/'([^']*)'/.exec((error as Error).message)?.[1] ?? ""}`.trim());
    throw error;
  }
}

export function parseCreateArguments(args: string[], now: Date = new Date()): CreateOptions {
  const { values } = parse(args, {
    reseller: { type: "string" },
    role: { type: "string", multiple: true },
    session: { type: "boolean" },
    "remember-me": { type: "boolean" },
    "expires-at": { type: "string" },
    "new-reseller": { type: "string" },
  });
  const roles = values.role ?? [];
  const unknown = roles.find((role) => !isRole(role));
  if (unknown !== undefined) throw new UsageError(`unknown role "${unknown}"`);
  let expiresAt: Date | null = null;
  if (values["expires-at"] !== undefined) {
    expiresAt = new Date(values["expires-at"]);
    if (Number.isNaN(expiresAt.getTime())) throw new UsageError("--expires-at needs an ISO date, such as 2027-01-31T00:00:00Z");
    if (expiresAt.getTime() <= now.getTime()) {
      throw new UsageError(`--expires-at ${expiresAt.toISOString()} is in the past: the token would never work. Give a later date, or none for a token that does not expire.`);
    }
  }
  if (!values.reseller) throw new UsageError("--reseller is required");
  if (roles.length === 0) throw new UsageError("at least one --role is required");
  const kind = values.session ? TokenKind.SESSION : TokenKind.API_KEY;
  if (values["remember-me"] && kind !== TokenKind.SESSION) throw new UsageError("--remember-me is for sessions (--session)");
  const newResellerName = values["new-reseller"]?.trim() ?? null;
  if (newResellerName === "") throw new UsageError("--new-reseller needs the reseller's name");
  return { resellerCode: values.reseller, roles: roles as Role[], kind, rememberMe: values["remember-me"] ?? false, expiresAt, newResellerName };
}

/** The command a command line asks for; `terminal`: stdout is a terminal (list's default format). */
export function parseTokenCommand(args: string[], now: Date = new Date(), terminal = false): TokenCommand {
  const [command, ...rest] = args;
  if (command === "help" || command === "--help" || command === "-h" || rest.includes("--help") || rest.includes("-h")) return { command: "help" };
  switch (command) {
    case "create":
      return { command: "create", options: parseCreateArguments(rest, now) };
    case "list": {
      const format = parse(rest, { format: { type: "string" } }).values.format ?? (terminal ? "table" : "tsv");
      if (format !== "table" && format !== "tsv") throw new UsageError(`--format is table or tsv, not "${format}"`);
      return { command: "list", format };
    }
    case "revoke": {
      const { positionals } = parse(rest, {}, true);
      if (positionals.length !== 1) throw new UsageError("revoke takes one token prefix");
      return { command: "revoke", prefix: positionals[0] };
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "a command is required");
  }
}

const HEADINGS = ["PREFIX", "RESELLER", "ROLES", "KIND", "CREATED", "LAST USED", "EXPIRES", "REVOKED"];

/** Tokens as rows of text: a table aligned in columns, or tab-separated values with a heading line. */
export function formatTokens(tokens: readonly TokenListing[], format: ListFormat): string {
  const when = (date: Date | null, none: string) => (date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : none);
  const rows = tokens.map((token) => [
    token.prefix,
    token.reseller,
    token.roles.join(","),
    token.kind === TokenKind.SESSION ? (token.rememberMe ? "session (remember me)" : "session") : "API key",
    when(token.createdAt, "-"),
    when(token.lastUsedAt, "never"),
    when(token.expiresAt, "never"),
    when(token.revokedAt, "no"),
  ]);
  if (format === "tsv") return [HEADINGS, ...rows].map((row) => row.join("\t")).join("\n");
  const widths = HEADINGS.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column].length)));
  const lines = [HEADINGS, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd());
  return [...lines, tokens.length === 1 ? "1 token" : `${tokens.length} tokens`].join("\n");
}

/** `npm run token -- create …` mints a token and prints it once; `list` shows them; `revoke <prefix>` revokes one. */
async function main(args: string[]): Promise<void> {
  quietLogsUnlessAsked();
  const command = parseTokenCommand(args, new Date(), process.stdout.isTTY === true);
  if (command.command === "help") {
    console.log(USAGE);
    return;
  }
  const database = await openDatabase(loadConfig());
  try {
    if (command.command === "create") {
      const { options } = command;
      if (options.newResellerName !== null) {
        const added = await new PaymentDatabase(database.dataSource).transaction((stores) => stores.reference.addTopReseller(options.resellerCode, options.newResellerName!));
        if (!added) throw new Error(`The database has resellers already: --new-reseller adds only the first, at the top. Leave it out to mint a token for an existing reseller, or add resellers with saveReseller.`);
        console.log(`Reseller ${options.resellerCode} (${options.newResellerName}) added at the top of the tree.`);
      }
      const { token, prefix } = await createAccessToken(database.dataSource, options);
      console.log(`Token ${prefix} (${options.kind === TokenKind.SESSION ? "session" : "API key"}, ${options.roles.join(", ")} at ${options.resellerCode}).`);
      console.log("It is shown only this once:");
      console.log(token);
    } else if (command.command === "list") {
      console.log(formatTokens(await listAccessTokens(database.dataSource), command.format));
    } else {
      const revoked = await revokeAccessToken(database.dataSource, command.prefix);
      if (!revoked) throw new Error(`No active token has the prefix "${command.prefix}".`);
      console.log(`Token ${command.prefix} revoked.`);
    }
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : `${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
