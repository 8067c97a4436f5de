import { Ctx, Field, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import { TokenKind } from "../../access/access-tokens";
import { Permission, ROLES, type Role } from "../../access/roles";
import { Reseller } from "../../domain/reseller.entity";
import type { GraphQLContext } from "../context";

/** The roles of `ROLES` as a GraphQL enum: VIEWER, OPERATOR, ADMIN, standing for "viewer", "operator", "admin". */
const RoleEnum = Object.fromEntries(Object.keys(ROLES).map((role) => [role.toUpperCase(), role])) as Record<Uppercase<Role>, Role>;

registerEnumType(RoleEnum, { name: "Role", description: "A role of a token; it grants permissions" });
registerEnumType(Permission, { name: "Permission", description: "What a token may do" });
registerEnumType(TokenKind, { name: "TokenKind", description: "API_KEY for applications, SESSION for people" });

@ObjectType({ simpleResolvers: true, description: "The token that signs the request: who it is and what it may do" })
export class Viewer {
  @Field({ description: "The token's visible prefix (pay_1a2b3c4d)" })
  tokenPrefix!: string;

  @Field(() => Reseller, { description: "The token's own reseller" })
  reseller!: Reseller;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => [Permission], { description: "Every permission the roles grant" })
  permissions!: Permission[];

  @Field(() => TokenKind)
  kind!: TokenKind;

  @Field(() => Date, { nullable: true, description: "When the token stops working by date; null when it never does (a session may still lapse by age or idleness)" })
  expiresAt!: Date | null;
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: "The signed-in token: prefix, reseller, roles and permissions; any valid token may ask" })
  viewer(@Ctx() ctx: GraphQLContext): Viewer {
    const { token, actor } = ctx;
    const permissions = Object.values(Permission).filter((permission) => actor.permissions.has(permission));
    return {
      tokenPrefix: token.prefix,
      reseller: Object.assign(new Reseller(), token.reseller),
      roles: [...token.roles],
      permissions,
      kind: token.kind,
      expiresAt: token.expiresAt,
    };
  }
}
