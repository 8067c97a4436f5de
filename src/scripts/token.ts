import "reflect-metadata";
import { createAccessToken, revokeAccessToken, TokenKind } from "../access/access-tokens";
import { isRole, ROLES, type Role } from "../access/roles";
import { loadConfig } from "../config";
import { openDatabase } from "../database/open-database";

const USAGE = `Usage:
  npm run token -- create --reseller <code> --role <${Object.keys(ROLES).join("|")}> [--role …] [--session] [--remember-me] [--expires-at <ISO date>]
  npm run token -- revoke <prefix>`;

class UsageError extends Error {}

interface CreateOptions {
  resellerCode: string;
  roles: Role[];
  kind: TokenKind;
  rememberMe: boolean;
  expiresAt: Date | null;
}

export function parseCreateArguments(args: string[]): CreateOptions {
  const options: CreateOptions = { resellerCode: "", roles: [], kind: TokenKind.API_KEY, rememberMe: false, expiresAt: null };
  for (let i = 0; i < args.length; i++) {
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${args[i - 1]} needs a value`);
      return next;
    };
    switch (args[i]) {
      case "--reseller":
        options.resellerCode = value();
        break;
      case "--role": {
        const role = value();
        if (!isRole(role)) throw new UsageError(`unknown role "${role}"`);
        options.roles.push(role);
        break;
      }
      case "--session":
        options.kind = TokenKind.SESSION;
        break;
      case "--remember-me":
        options.rememberMe = true;
        break;
      case "--expires-at": {
        const date = new Date(value());
        if (Number.isNaN(date.getTime())) throw new UsageError("--expires-at needs an ISO date, such as 2027-01-31T00:00:00Z");
        options.expiresAt = date;
        break;
      }
      default:
        throw new UsageError(`unknown argument "${args[i]}"`);
    }
  }
  if (!options.resellerCode) throw new UsageError("--reseller is required");
  if (options.roles.length === 0) throw new UsageError("at least one --role is required");
  if (options.rememberMe && options.kind !== TokenKind.SESSION) throw new UsageError("--remember-me is for sessions (--session)");
  return options;
}

/** `npm run token -- create …` mints a token and prints it once; `revoke <prefix>` revokes one. */
async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command !== "create" && command !== "revoke") throw new UsageError(command ? `unknown command "${command}"` : "a command is required");
  const create = command === "create" ? parseCreateArguments(rest) : null;
  if (command === "revoke" && rest.length !== 1) throw new UsageError("revoke takes one token prefix");
  const database = await openDatabase(loadConfig());
  try {
    if (create) {
      const { token, prefix } = await createAccessToken(database.dataSource, create);
      console.log(`Token ${prefix} (${create.kind === TokenKind.SESSION ? "session" : "API key"}, ${create.roles.join(", ")} at ${create.resellerCode}).`);
      console.log("It is shown only this once:");
      console.log(token);
    } else {
      const revoked = await revokeAccessToken(database.dataSource, rest[0]);
      if (!revoked) throw new Error(`No active token has the prefix "${rest[0]}".`);
      console.log(`Token ${rest[0]} revoked.`);
    }
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : `${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
