import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Permission } from "../../access/roles";
import { Payment } from "../../domain/payment.entity";
import { OperationStatus, PaymentOperationRecord } from "../../domain/payment-operation-record.entity";
import { ResolveOperationResult } from "../types/operation-result.types";
import { resolveOperation } from "../../operations/resolve-operation";
import type { GraphQLContext } from "../context";
import { ResolveOperationInput } from "../inputs/resolve-operation.input";

const LIST_MAX = 100;

/** Operations that need an operator: where they show, how they are listed and settled. */
@Resolver(() => PaymentOperationRecord)
export class OperationsAttentionResolver {
  @Authorized(Permission.OPERATION_REVIEW)
  @Query(() => [PaymentOperationRecord], { description: "Operations that need attention within the caller's reach, oldest first" })
  operationsNeedingAttention(
    @Ctx() ctx: GraphQLContext,
    @Arg("first", () => Int, { nullable: true, description: "At most this many, 50 by default, 100 at most" }) first?: number,
  ) {
    const qb = ctx.dataSource
      .getRepository(PaymentOperationRecord)
      .createQueryBuilder("o")
      .innerJoin(Payment, "p", "p.id = o.payment_id")
      .where("o.status = :status", { status: OperationStatus.NEEDS_ATTENTION })
      .orderBy("o.created_at", "ASC")
      .addOrderBy("o.id", "ASC")
      .take(Math.min(Math.max(first ?? 50, 1), LIST_MAX));
    const { resellerIds } = ctx.actor.reach;
    if (resellerIds !== "all") qb.andWhere("p.reseller_id = ANY(:reachIds)", { reachIds: resellerIds });
    return qb.getMany();
  }

  @FieldResolver(() => Payment, { description: "The payment the operation is for" })
  payment(@Root() record: PaymentOperationRecord, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.paymentById.load(record.paymentId);
  }

  @Mutation(() => ResolveOperationResult, {
    description: "Admin only: settle an operation that needs attention. SUCCEEDED applies the state change (and the cancellation), FAILED releases the payment",
  })
  resolveOperation(@Arg("input", () => ResolveOperationInput) input: ResolveOperationInput, @Ctx() ctx: GraphQLContext) {
    return resolveOperation(ctx.dataSource, input, ctx.actor);
  }
}

/** `Payment.pendingOperation`: the operation that holds the payment, while one does. */
@Resolver(() => Payment)
export class PaymentPendingOperationResolver {
  @FieldResolver(() => PaymentOperationRecord, {
    nullable: true,
    description: "The operation in progress or needing attention on this payment; null when none holds it",
  })
  pendingOperation(@Root() payment: Payment, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.openOperationByPaymentId.load(payment.id);
  }
}
