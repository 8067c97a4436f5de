import { Permission } from "../../access/roles";
import { Authorized, Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Currency, CurrencyRatePeriod, Payment, PaymentCancellation, PaymentCancellationState, PaymentEvent, RejectionReason, Reseller } from "../../domain";
import { availableOperations } from "../../operations/operation-rules";
import { PaymentOperation } from "../../domain/payment-operation";
import { checkEventCount, checkPageSize, PAYMENT_EVENTS_DEFAULT, PAYMENT_EVENTS_MAX, PAYMENTS_COUNT_CAP } from "../../domain/page-limits";
import type { PaymentRead } from "../../stores/payment-store";
import type { GraphQLContext } from "../context";
import { PaymentIdentifierInput } from "../inputs/identifiers.input";
import { PaymentFilter } from "../inputs/payment-filter.input";
import { PaymentOrder } from "../../domain/identifiers";
import { PaymentConnection } from "../types/payment-connection.type";
import { VendorCodeEnum } from "../enums/vendor-code.enum";

const CAP = PAYMENTS_COUNT_CAP.toLocaleString("en");

/** The count of a listing: run only when one of its fields is selected, once for both. */
@Resolver(() => PaymentConnection)
export class PaymentConnectionResolver {
  @FieldResolver(() => Int, {
    description: `Payments matching the filter, across all pages, counted only when selected: exact up to ${CAP}; when more match, ${CAP} and totalCountIsCapped is true`,
  })
  async totalCount(@Root() connection: PaymentConnection): Promise<number> {
    return (await connection.count()).count;
  }

  @FieldResolver(() => Boolean, { description: `Whether more than ${CAP} payments match, so that totalCount stops at ${CAP}` })
  async totalCountIsCapped(@Root() connection: PaymentConnection): Promise<boolean> {
    return (await connection.count()).capped;
  }
}

@Resolver(() => Payment)
export class PaymentResolver {
  @Authorized(Permission.PAYMENT_READ)
  @Query(() => Payment, { nullable: true, description: "One payment, or null when there is no such payment" })
  payment(@Arg("identifier", () => PaymentIdentifierInput) identifier: PaymentIdentifierInput, @Ctx() ctx: GraphQLContext) {
    return ctx.db.stores.payments.read(identifier, ctx.actor.reach);
  }

  @Authorized(Permission.PAYMENT_READ)
  @Query(() => PaymentConnection, { description: "Payments, newest issued first unless orderBy says otherwise, with cursor pagination" })
  payments(
    @Ctx() ctx: GraphQLContext,
    @Arg("filter", () => PaymentFilter, { nullable: true }) filter?: PaymentFilter,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 20 by default, 100 at most" }) first?: number,
    @Arg("after", () => String, { nullable: true, description: "pageInfo.endCursor of the previous page (of the same orderBy)" }) after?: string,
    @Arg("orderBy", () => PaymentOrder, { nullable: true, defaultValue: PaymentOrder.ISSUED_ON_DESC, description: "The listing's order, newest issued first by default" })
    orderBy?: PaymentOrder,
  ) {
    return ctx.db.stores.payments.list({ filter, size: checkPageSize(first), after, countCap: PAYMENTS_COUNT_CAP, order: orderBy ?? PaymentOrder.ISSUED_ON_DESC }, ctx.actor.reach);
  }

  /** Queries join the currency and rate period into the payment's statement; other payments load them in batches. */
  @FieldResolver(() => VendorCodeEnum)
  vendorCode(@Root() payment: Payment): string {
    return payment.vendorCode;
  }

  @FieldResolver(() => Currency)
  currency(@Root() payment: Payment | PaymentRead, @Ctx() ctx: GraphQLContext) {
    return "joinedCurrency" in payment ? payment.joinedCurrency : ctx.loaders.currencyById.load(payment.currencyId);
  }

  @FieldResolver(() => CurrencyRatePeriod, { nullable: true, description: "The rate period in force when the payment was issued" })
  currencyRatePeriod(@Root() payment: Payment | PaymentRead, @Ctx() ctx: GraphQLContext) {
    if ("joinedRatePeriod" in payment) return payment.joinedRatePeriod;
    return payment.currencyRatePeriodId ? ctx.loaders.ratePeriodById.load(payment.currencyRatePeriodId) : null;
  }

  @FieldResolver(() => Reseller, { description: "The reseller that owns the payment" })
  reseller(@Root() payment: Payment, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.resellerById.load(payment.resellerId);
  }

  @FieldResolver(() => RejectionReason, { nullable: true, description: "Why the payment was rejected, when it was" })
  rejectionReason(@Root() payment: Payment, @Ctx() ctx: GraphQLContext) {
    return payment.rejectionReasonId ? ctx.loaders.rejectionReasonById.load(payment.rejectionReasonId) : null;
  }

  @FieldResolver(() => PaymentCancellation, { nullable: true, description: "The cancellation record, once cancelled" })
  async cancellation(@Root() payment: Payment, @Ctx() ctx: GraphQLContext) {
    const cancellation = await ctx.loaders.cancellationByPaymentId.load(payment.id);
    // A PENDING one belongs to a cancel still in progress: not the payment's cancellation yet.
    return cancellation?.lifeCycleState === PaymentCancellationState.POSTED ? cancellation : null;
  }

  @FieldResolver(() => [PaymentOperation], {
    description: "Operations that the payment's state and its vendor allow now; none while an operation holds the payment (see pendingOperation)",
  })
  async availableOperations(@Root() payment: Payment, @Ctx() ctx: GraphQLContext) {
    if (await ctx.loaders.openOperationByPaymentId.load(payment.id)) return [];
    return availableOperations(payment, ctx.vendors.get(payment.vendorCode));
  }

  @FieldResolver(() => [PaymentEvent], {
    description:
      "History of the payment: its latest `last` events, oldest first, in the order they were written (events of one transaction share `occurredAt` and keep their order)",
  })
  events(
    @Root() payment: Payment,
    @Ctx() ctx: GraphQLContext,
    @Arg("last", () => Int, {
      defaultValue: PAYMENT_EVENTS_DEFAULT,
      description: `How many of the latest events, ${PAYMENT_EVENTS_DEFAULT} by default, ${PAYMENT_EVENTS_MAX} at most; \`last: 1\` is the latest event`,
    })
    last: number,
  ) {
    const count = checkEventCount(last);
    return count === 0 ? [] : ctx.loaders.latestEvents.load({ paymentId: payment.id, last: count });
  }
}
