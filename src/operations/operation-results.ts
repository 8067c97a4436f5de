import { createUnionType, Field, ObjectType } from "type-graphql";

/** Every member of a result union names its GraphQL type: the union resolves by it. */
const byTypename = (value: { __typename?: string }) => value.__typename;
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
  readonly __typename = "VoidPaymentSuccess" as const;

  @Field(() => Payment)
  payment!: Payment;
}

@ObjectType({ description: "The payment was cancelled: it is CANCELLED and a POSTED payment cancellation was created" })
export class CancelPaymentSuccess {
  readonly __typename = "CancelPaymentSuccess" as const;

  @Field(() => Payment)
  payment!: Payment;

  @Field(() => PaymentCancellation)
  cancellation!: PaymentCancellation;
}

@ObjectType({ description: "The payment was rejected: it is REJECTED" })
export class RejectPaymentSuccess {
  readonly __typename = "RejectPaymentSuccess" as const;

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
  resolveType: byTypename,
  types: () => [VoidPaymentSuccess, ...COMMON_ERRORS] as const,
});

export const CancelPaymentResult = createUnionType({
  name: "CancelPaymentResult",
  resolveType: byTypename,
  types: () => [CancelPaymentSuccess, ...COMMON_ERRORS, PostpaidPaymentError, ReferenceNotFoundError, DuplicateBackOfficeCodeError] as const,
});

export const RejectPaymentResult = createUnionType({
  name: "RejectPaymentResult",
  resolveType: byTypename,
  types: () => [RejectPaymentSuccess, ...COMMON_ERRORS, ReferenceNotFoundError] as const,
});

@ObjectType({ description: "The operation was settled: SUCCEEDED applied the state change, FAILED released the payment" })
export class ResolveOperationSuccess {
  readonly __typename = "ResolveOperationSuccess" as const;

  @Field(() => PaymentOperationRecord)
  operation!: PaymentOperationRecord;

  @Field(() => Payment)
  payment!: Payment;
}

export const ResolveOperationResult = createUnionType({
  name: "ResolveOperationResult",
  resolveType: byTypename,
  types: () => [ResolveOperationSuccess, NotAuthorizedError, OperationNotFoundError, OperationNotAwaitingResolutionError, ValidationError] as const,
});
