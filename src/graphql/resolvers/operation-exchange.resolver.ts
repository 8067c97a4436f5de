import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Payment } from "../../domain/payment.entity";
import { PaymentOperationRecord } from "../../domain/payment-operation-record.entity";
import { keptVendorOutcome } from "../../operations/kept-vendor-outcome";
import type { GraphQLContext } from "../context";
import { VendorAnswer } from "../types/vendor-exchange.types";

/** Keys never shown, at any depth, whatever a request holds. */
const SECRET_KEY = /secret|token|password|passwd|api.?key|authori[sz]ation|credential|signature|cookie/i;

function withoutSecretKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecretKeys);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET_KEY.test(key))
      .map(([key, inner]) => [key, withoutSecretKeys(inner)]),
  );
}

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

/** What an operation sent to its vendor and what the vendor answered, and every operation of a payment. */
@Resolver(() => PaymentOperationRecord)
export class OperationExchangeResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: "The request forwarded to the vendor (our operation, as JSON: the payment's references and the operation's fields), without credentials",
  })
  vendorRequest(@Root() record: PaymentOperationRecord): string | null {
    return record.vendorRequest ? JSON.stringify(withoutSecretKeys(record.vendorRequest)) : null;
  }

  @FieldResolver(() => VendorAnswer, {
    nullable: true,
    description: "The vendor's definite answer, as kept on the operation; null while none arrived (no answer, a timeout or a 5xx)",
  })
  vendorAnswer(@Root() record: PaymentOperationRecord): VendorAnswer | null {
    const outcome = keptVendorOutcome.read(record.vendorOutcome);
    if (!outcome || outcome.kind === "unknown") return null;
    const details = outcome.details;
    const cancellation = details?.cancellation;
    return {
      outcome: outcome.kind === "succeeded" ? "SUCCEEDED" : "REFUSED",
      vendorCode: outcome.kind === "refused" ? outcome.vendorCode : null,
      vendorMessage: outcome.kind === "refused" ? outcome.vendorMessage : null,
      gatewayName: orNull(details?.gatewayName),
      gatewayReferenceNumber: orNull(details?.gatewayReferenceNumber),
      closedAt: orNull(details?.closedAt),
      cancellation: cancellation
        ? {
            vendorId: orNull(cancellation.vendorId),
            number: orNull(cancellation.number),
            referenceNumber: orNull(cancellation.referenceNumber),
            issuedOn: orNull(cancellation.issuedOn),
            postedOn: orNull(cancellation.postedOn),
            amount: orNull(cancellation.amount),
            gatewayName: orNull(cancellation.gatewayName),
            gatewayReferenceNumber: orNull(cancellation.gatewayReferenceNumber),
            backOfficeCode: orNull(cancellation.backOfficeCode),
          }
        : null,
    };
  }
}

/** `Payment.operations`: the payment's voids, cancels and rejects, with what each sent and was answered. */
@Resolver(() => Payment)
export class PaymentOperationsListResolver {
  @FieldResolver(() => [PaymentOperationRecord], { description: "Every void, cancel or reject of the payment, oldest first" })
  operations(@Root() payment: Payment, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.operationsByPaymentId.load(payment.id);
  }
}
