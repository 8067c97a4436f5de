import { createUnionType, Field, ObjectType } from "type-graphql";
import { Payment } from "../../domain/payment.entity";
import { PaymentOperationRecord } from "../../domain/payment-operation-record.entity";
import { PaymentCancellation } from "../../domain/payment-cancellation.entity";
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
} from "../../operations/operation-errors";
import { VendorNumberTakenError } from "../../operations/vendor-number-taken";
import { CancelPaymentSuccess, RejectPaymentSuccess, ResolveOperationSuccess, VoidPaymentSuccess } from "../../operations/operation-results";
import "./operation-error.types";

/** Every member of a result union names its GraphQL type: the union resolves by it. */
export const byTypename = (value: { __typename?: string }) => value.__typename;

Field(() => Payment)(VoidPaymentSuccess.prototype, "payment");
ObjectType({ description: "The payment was voided: it is CANCELLED and its pre-authorisation released" })(VoidPaymentSuccess);

Field(() => Payment)(CancelPaymentSuccess.prototype, "payment");
Field(() => PaymentCancellation)(CancelPaymentSuccess.prototype, "cancellation");
ObjectType({ description: "The payment was cancelled: it is CANCELLED and a POSTED payment cancellation was created" })(CancelPaymentSuccess);

Field(() => Payment)(RejectPaymentSuccess.prototype, "payment");
ObjectType({ description: "The payment was rejected: it is REJECTED" })(RejectPaymentSuccess);

Field(() => PaymentOperationRecord)(ResolveOperationSuccess.prototype, "operation");
Field(() => Payment)(ResolveOperationSuccess.prototype, "payment");
ObjectType({ description: "The operation was settled: SUCCEEDED applied the state change, FAILED released the payment" })(ResolveOperationSuccess);

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

export const ResolveOperationResult = createUnionType({
  name: "ResolveOperationResult",
  resolveType: byTypename,
  types: () => [ResolveOperationSuccess, NotAuthorizedError, OperationNotFoundError, OperationNotAwaitingResolutionError, ValidationError, VendorNumberTakenError] as const,
});
