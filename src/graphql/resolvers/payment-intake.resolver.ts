import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { recordPayments, RECORD_BATCH_MAX } from "../../operations/intake/record-payments";
import type { GraphQLContext } from "../context";
import { RecordPaymentInput } from "../inputs/record-payment.input";
import { RecordPaymentResult } from "../types/intake.types";

/** Payments in: the systems that create payments at the vendors record them here. */
@Resolver()
export class PaymentIntakeResolver {
  @Mutation(() => [RecordPaymentResult], {
    description: `Record payments created at the vendors, or what a vendor reports of them later: 1 to ${RECORD_BATCH_MAX} at a time, one result each, in order (payment:record)`,
  })
  recordPayments(@Arg("payments", () => [RecordPaymentInput], { validate: false }) payments: RecordPaymentInput[], @Ctx() ctx: GraphQLContext) {
    return recordPayments(ctx.db, ctx.vendors, payments, ctx.actor);
  }
}
