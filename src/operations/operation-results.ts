import { createUnionType, Field, ObjectType } from "type-graphql";
import { Payment } from "../domain/payment.entity";
import { PaymentOperationRecord } from "../domain/payment-operation-record.entity";
import { PaymentCancellation } from "../domain/payment-cancellation.entity";
import {
  DuplicateBackOfficeCodeError,
  IdempotencyKeyReuseError,
  OperationInProgressError,
  OperationNotSupportedError,
  PaymentNotFoundError,
  PaymentStateError,
  PostpaidPaymentError,
  ReferenceNotFoundError,
  ValidationError,
  VendorRejectedError,
  VendorUnavailableError,
  NotAuthorizedError,
  OperationNeedsAttentionError,
  OperationFailedError,
  OperationNotFoundError,
  OperationNotAwaitingResolutionError,
} from "./operation-errors";

@ObjectType({ description: "The payment was voided: it is CANCELLED and its pre-authorisation released" })
export class VoidPaymentSuccess {
  @Field(() => Payment)
  payment!: Payment;
}

@ObjectType({ description: "The payment was cancelled: it is CANCELLED and a POSTED payment cancellation was created" })
export class CancelPaymentSuccess {
  @Field(() => Payment)
  payment!: Payment;

  @Field(() => PaymentCancellation)
  cancellation!: PaymentCancellation;
}

@ObjectType({ description: "The payment was rejected: it is REJECTED" })
export class RejectPaymentSuccess {
  @Field(() => Payment)
  payment!: Payment;
}

/** Errors every operation can answer. */
const COMMON_ERRORS = [
  NotAuthorizedError,
  PaymentNotFoundError,
  PaymentStateError,
  OperationNotSupportedError,
  ValidationError,
  OperationInProgressError,
  IdempotencyKeyReuseError,
  VendorRejectedError,
  VendorUnavailableError,
  OperationNeedsAttentionError,
  OperationFailedError,
] as const;

export const VoidPaymentResult = createUnionType({
  name: "VoidPaymentResult",
  types: () => [VoidPaymentSuccess, ...COMMON_ERRORS] as const,
});

export const CancelPaymentResult = createUnionType({
  name: "CancelPaymentResult",
  types: () => [CancelPaymentSuccess, ...COMMON_ERRORS, PostpaidPaymentError, ReferenceNotFoundError, DuplicateBackOfficeCodeError] as const,
});

export const RejectPaymentResult = createUnionType({
  name: "RejectPaymentResult",
  types: () => [RejectPaymentSuccess, ...COMMON_ERRORS, ReferenceNotFoundError] as const,
});

@ObjectType({ description: "The operation was settled: SUCCEEDED applied the state change, FAILED released the payment" })
export class ResolveOperationSuccess {
  @Field(() => PaymentOperationRecord)
  operation!: PaymentOperationRecord;

  @Field(() => Payment)
  payment!: Payment;
}

export const ResolveOperationResult = createUnionType({
  name: "ResolveOperationResult",
  types: () => [ResolveOperationSuccess, NotAuthorizedError, OperationNotFoundError, OperationNotAwaitingResolutionError, ValidationError] as const,
});
