import { GraphQLError } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { Permission } from "../../access/roles";
import { fitsCriteria, type PaymentChange } from "../../domain/payment-change";
import type { PaymentCriteria } from "../../domain/identifiers";
import { Payment } from "../../domain/payment.entity";
import { PaymentOperationRecord } from "../../domain/payment-operation-record.entity";
import type { GraphQLContext } from "../context";
import { PaymentFilter } from "../inputs/payment-filter.input";
import { OperationChangeKind, OperationChangeMessage, PaymentChangeMessage, operationChangeOf } from "../types/live.types";

type Subscribed<Args> = SubscribeResolverData<unknown, Args, GraphQLContext>;

function liveOf(context: GraphQLContext) {
  if (!context.live) {
    throw new GraphQLError("Subscriptions are served over WebSocket (the graphql-ws protocol) on /graphql.", { extensions: { code: "BAD_REQUEST" } });
  }
  return context.live;
}

interface OperationChangedArgs {
  changes?: OperationChangeKind[] | null;
  paymentId?: string | null;
}

/** Live changes: each subscription hears the changes that commit from then on, on any instance, within the caller's reach. */
@Resolver()
export class LiveResolver {
  @Authorized(Permission.PAYMENT_READ)
  @Subscription(() => PaymentChangeMessage, {
    description: "Every event added to the history of a payment within reach whose state after it fits the filter, as it commits on any instance",
    subscribe: ({ args, context }: Subscribed<{ filter?: PaymentCriteria | null }>) =>
      liveOf(context).changes((change) => fitsCriteria(change.payment, args.filter)),
  })
  paymentChanged(
    @Root() change: PaymentChange,
    @Arg("filter", () => PaymentFilter, { nullable: true, validate: false, description: "The payments to hear of, as `payments(filter)` takes it" }) _filter?: PaymentFilter,
  ): PaymentChangeMessage {
    return PaymentChangeMessage.of(change);
  }

  @Authorized(Permission.PAYMENT_READ)
  @Subscription(() => OperationChangeMessage, {
    description: "Voids, cancels and rejects of payments within reach that start, progress or are settled, as they commit on any instance",
    subscribe: ({ args, context }: Subscribed<OperationChangedArgs>) =>
      liveOf(context).changes((change) => {
        const kind = operationChangeOf(change);
        if (kind === undefined) return false;
        if (args.changes?.length && !args.changes.includes(kind)) return false;
        return !args.paymentId || args.paymentId === change.paymentId;
      }),
  })
  operationChanged(
    @Root() change: PaymentChange,
    @Arg("changes", () => [OperationChangeKind], { nullable: true, description: "Only these changes; all when not given" }) _changes?: OperationChangeKind[],
    @Arg("paymentId", () => ID, { nullable: true, description: "Only the operations of this payment" }) _paymentId?: string,
  ): OperationChangeMessage {
    return OperationChangeMessage.of(change, operationChangeOf(change)!);
  }
}

@Resolver(() => PaymentChangeMessage)
export class PaymentChangeResolver {
  @FieldResolver(() => Payment, { description: "The payment as it is when the change is delivered" })
  payment(@Root() message: PaymentChangeMessage, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.paymentById.load(message.paymentId);
  }
}

@Resolver(() => OperationChangeMessage)
export class OperationChangeResolver {
  @FieldResolver(() => PaymentOperationRecord, { description: "The operation as it is when the change is delivered" })
  operation(@Root() message: OperationChangeMessage, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.operationById.load(message.operationId);
  }

  @FieldResolver(() => Payment, { description: "The payment as it is when the change is delivered" })
  payment(@Root() message: OperationChangeMessage, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.paymentById.load(message.paymentId);
  }
}
