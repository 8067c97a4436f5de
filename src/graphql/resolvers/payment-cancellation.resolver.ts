import { Permission } from "../../access/roles";
import { Authorized, Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import {
  CurrencyRatePeriod,
  FinancialTransactionCategory,
  FinancialTransactionType,
  Payment,
  PaymentCancellation,
  PaymentCancellationState,
} from "../../domain";
import { reaches } from "../../domain/reach";
import { isUuid } from "../../domain/uuid";
import type { GraphQLContext } from "../context";

@Resolver(() => PaymentCancellation)
export class PaymentCancellationResolver {
  @Authorized(Permission.PAYMENT_READ)
  @Query(() => PaymentCancellation, { nullable: true, description: "One payment cancellation by id, or null" })
  async paymentCancellation(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    if (!isUuid(id)) return null;
    const cancellation = await ctx.loaders.cancellationById.load(id);
    if (!cancellation || cancellation.lifeCycleState !== PaymentCancellationState.POSTED) return null;
    // A cancellation is as visible as the payment it cancels.
    const payment = await ctx.loaders.paymentById.load(cancellation.paymentId);
    return payment && reaches(ctx.actor.reach, payment.resellerId) ? cancellation : null;
  }

  @FieldResolver(() => Payment, { description: "The payment that was cancelled" })
  payment(@Root() cancellation: PaymentCancellation, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.paymentById.load(cancellation.paymentId);
  }

  @FieldResolver(() => FinancialTransactionType)
  type(@Root() cancellation: PaymentCancellation, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.transactionTypeById.load(cancellation.financialTransactionTypeId);
  }

  @FieldResolver(() => FinancialTransactionCategory, { nullable: true })
  category(@Root() cancellation: PaymentCancellation, @Ctx() ctx: GraphQLContext) {
    const id = cancellation.financialTransactionCategoryId;
    return id ? ctx.loaders.transactionCategoryById.load(id) : null;
  }

  @FieldResolver(() => CurrencyRatePeriod, { nullable: true, description: "The rate period the cancellation was created with" })
  currencyRatePeriod(@Root() cancellation: PaymentCancellation, @Ctx() ctx: GraphQLContext) {
    return cancellation.currencyRatePeriodId ? ctx.loaders.ratePeriodById.load(cancellation.currencyRatePeriodId) : null;
  }
}
