import { GraphQLError } from "graphql";
import type { AuthChecker } from "type-graphql";
import type { Permission } from "../access/roles";
import type { GraphQLContext } from "./context";

/** `@Authorized(permission)` on queries: a token without it gets a top-level FORBIDDEN error. */
export const requirePermissions: AuthChecker<GraphQLContext, Permission> = ({ context }, permissions) => {
  const missing = permissions.find((permission) => !context.actor.permissions.has(permission));
  if (missing) {
    throw new GraphQLError(`This token lacks the ${missing} permission.`, { extensions: { code: "FORBIDDEN", permission: missing } });
  }
  return true;
};
