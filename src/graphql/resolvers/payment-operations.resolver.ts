import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { cancelPayment } from "../../operations/cancel-payment";
import { CancelPaymentResult, RejectPaymentResult, VoidPaymentResult } from "../types/operation-result.types";
import { rejectPayment } from "../../operations/reject-payment";
import { voidPayment } from "../../operations/void-payment";
import type { GraphQLContext } from "../context";
import { CancelPaymentInput, RejectPaymentInput, VoidPaymentInput } from "../inputs/operation.inputs";

/** The three operations: thin entry points to the one operation pipeline. Inputs are validated there, as data. */
@Resolver()
export class PaymentOperationsResolver {
  @Mutation(() => VoidPaymentResult, { description: "Void an AUTHORIZED or PENDING payment (vendor rules may narrow the states)" })
  voidPayment(@Arg("input", () => VoidPaymentInput, { validate: false }) input: VoidPaymentInput, @Ctx() ctx: GraphQLContext) {
    return ctx.operations.run(voidPayment, input, ctx.actor);
  }

  @Mutation(() => CancelPaymentResult, { description: "Cancel a POSTED or WAITING_FOR_PAYMENT prepaid payment, creating a payment cancellation" })
  cancelPayment(@Arg("input", () => CancelPaymentInput, { validate: false }) input: CancelPaymentInput, @Ctx() ctx: GraphQLContext) {
    return ctx.operations.run(cancelPayment, input, ctx.actor);
  }

  @Mutation(() => RejectPaymentResult, { description: "Reject a DRAFT payment" })
  rejectPayment(@Arg("input", () => RejectPaymentInput, { validate: false }) input: RejectPaymentInput, @Ctx() ctx: GraphQLContext) {
    return ctx.operations.run(rejectPayment, input, ctx.actor);
  }
}
