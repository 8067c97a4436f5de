import { Ctx, FieldResolver, ID, Resolver, Root } from "type-graphql";
import { PaymentEvent } from "../../domain/payment-event.entity";
import { PaymentOperationRecord } from "../../domain/payment-operation-record.entity";
import { Reseller } from "../../domain/reseller.entity";
import { reaches } from "../../domain/reach";
import type { GraphQLContext } from "../context";

/** How an actor outside the caller's reach is shown: no token prefix, no reseller id. */
export const UPSTREAM_RESELLER = "an upstream reseller";

function withinReach(ctx: GraphQLContext, resellerId: string | null): boolean {
  return resellerId === null || reaches(ctx.actor.reach, resellerId);
}

/** Events name the acting token and reseller only when the caller reaches that reseller. */
@Resolver(() => PaymentEvent)
export class PaymentEventResolver {
  @FieldResolver(() => String, { description: `Who acted: the prefix of the acting token, or "${UPSTREAM_RESELLER}" when it belongs to a reseller above the caller's reach` })
  actor(@Root() event: PaymentEvent, @Ctx() ctx: GraphQLContext): string {
    return withinReach(ctx, event.actorResellerId) ? event.actor : UPSTREAM_RESELLER;
  }

  @FieldResolver(() => ID, { nullable: true, description: "The reseller of the acting token; null when it is above the caller's reach" })
  actorResellerId(@Root() event: PaymentEvent, @Ctx() ctx: GraphQLContext): string | null {
    return withinReach(ctx, event.actorResellerId) ? event.actorResellerId : null;
  }
}

/** An operation names the token that requested it only when the caller reaches that token's reseller. */
@Resolver(() => PaymentOperationRecord)
export class PaymentOperationRecordResolver {
  @FieldResolver(() => String, { description: `Who requested it: the prefix of the acting token, or "${UPSTREAM_RESELLER}" when it belongs to a reseller above the caller's reach` })
  actor(@Root() operation: PaymentOperationRecord, @Ctx() ctx: GraphQLContext): string {
    return withinReach(ctx, operation.actorResellerId) ? operation.actor : UPSTREAM_RESELLER;
  }
}

/** A reseller's parent is shown only when the caller reaches it. */
@Resolver(() => Reseller)
export class ResellerResolver {
  @FieldResolver(() => ID, { nullable: true, description: "The parent reseller; null at the top of the tree or above the caller's reach" })
  parentId(@Root() reseller: Reseller, @Ctx() ctx: GraphQLContext): string | null {
    return reseller.parentId !== null && withinReach(ctx, reseller.parentId) ? reseller.parentId : null;
  }
}
