import { BadInputError } from "../../domain/bad-input";
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Permission } from "../../access/roles";
import { Payment } from "../../domain/payment.entity";
import { PaymentOperationRecord } from "../../domain/payment-operation-record.entity";
import { ResolveOperationResult } from "../types/operation-result.types";
import { resolveOperation } from "../../operations/resolve-operation";
import type { GraphQLContext } from "../context";
import { ResolveOperationInput } from "../inputs/resolve-operation.input";

const LIST_DEFAULT = 50;
const LIST_MAX = 100;

/** Operations that need an operator: where they show, how they are listed and settled. */
@Resolver(() => PaymentOperationRecord)
export class OperationsAttentionResolver {
  @Authorized(Permission.OPERATION_REVIEW)
  @Query(() => [PaymentOperationRecord], { description: "Operations that need attention within the caller's reach, oldest first" })
  operationsNeedingAttention(
    @Ctx() ctx: GraphQLContext,
    @Arg("first", () => Int, { nullable: true, defaultValue: LIST_DEFAULT, description: `At most this many, ${LIST_DEFAULT} by default, from 1 to ${LIST_MAX}` })
    given: number | null,
  ) {
    const first = given ?? LIST_DEFAULT;
    if (!Number.isInteger(first) || first < 1 || first > LIST_MAX) {
      throw new BadInputError(`\`first\` must be between 1 and ${LIST_MAX}.`, "first", LIST_MAX);
    }
    return ctx.db.stores.operations.needingAttention(first, ctx.actor.reach);
  }

  @FieldResolver(() => Payment, { description: "The payment the operation is for" })
  payment(@Root() record: PaymentOperationRecord, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.paymentById.load(record.paymentId);
  }

  @Mutation(() => ResolveOperationResult, {
    description: "Admin only: settle an operation that needs attention. SUCCEEDED applies the state change (and the cancellation), FAILED releases the payment",
  })
  resolveOperation(@Arg("input", () => ResolveOperationInput, { validate: false }) input: ResolveOperationInput, @Ctx() ctx: GraphQLContext) {
    return resolveOperation(ctx.db, ctx.vendors, input, ctx.actor);
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
