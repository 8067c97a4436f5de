import { Field, ID, InterfaceType, ObjectType, registerEnumType } from "type-graphql";
import { PaymentModel, PaymentState } from "../../domain/enums";
import { PaymentOperation } from "../../domain/payment-operation";
import { OperationStatus } from "../../domain/payment-operation-record.entity";
import {
  AppError,
  DuplicateBackOfficeCodeError,
  ErrorCode,
  FieldError,
  IdempotencyKeyReuseError,
  NotAuthorizedError,
  OperationFailedError,
  OperationInProgressError,
  OperationNeedsAttentionError,
  OperationNotAwaitingResolutionError,
  OperationNotFoundError,
  OperationNotSupportedError,
  PaymentNotFoundError,
  PaymentStateError,
  PostpaidPaymentError,
  ReferenceNotFoundError,
  ValidationError,
  VendorRejectedError,
  VendorUnavailableError,
} from "../../operations/operation-errors";
import { VendorNumberTakenError } from "../../operations/vendor-number-taken";
import { VendorCodeEnum } from "../enums/vendor-code.enum";

/**
 * The operations' errors as GraphQL types: `interface Error` and one object type per error class.
 * The classes stay plain in operations/; their GraphQL shape is declared here, once, by applying
 * type-graphql's decorators to them (fields first, then the type, as decorators run).
 */
registerEnumType(ErrorCode, { name: "ErrorCode", description: "The kind of an expected failure" });

Field(() => ErrorCode)(AppError.prototype, "code");
Field(() => String, { description: "A sentence for people; do not parse it, switch on __typename or code" })(AppError.prototype, "message");
Field(() => Boolean, { description: "Whether sending the same request again later can succeed" })(AppError.prototype, "retryable");
InterfaceType("Error", { description: "An expected failure, returned as data" })(AppError);

ObjectType({ implements: AppError, description: "No payment matches the identifier (or it is outside the caller's reach)" })(PaymentNotFoundError);

Field(() => PaymentState)(PaymentStateError.prototype, "currentState");
Field(() => [PaymentState], { description: "States the operation accepts for this payment's vendor" })(PaymentStateError.prototype, "allowedStates");
ObjectType({ implements: AppError, description: "The payment is not in a state the operation starts from" })(PaymentStateError);

Field(() => PaymentModel)(PostpaidPaymentError.prototype, "paymentModel");
ObjectType({ implements: AppError, description: "The payment is linked to postpaid invoices and cannot be cancelled" })(PostpaidPaymentError);

Field(() => VendorCodeEnum)(OperationNotSupportedError.prototype, "vendor");
Field(() => PaymentOperation)(OperationNotSupportedError.prototype, "operation");
ObjectType({ implements: AppError, description: "The payment's vendor does not offer this operation" })(OperationNotSupportedError);

Field(() => String, { description: "The input field naming the missing reference, e.g. type" })(ReferenceNotFoundError.prototype, "field");
ObjectType({ implements: AppError, description: "A referenced lookup (type, category, reason) does not exist" })(ReferenceNotFoundError);

Field(() => String)(DuplicateBackOfficeCodeError.prototype, "backOfficeCode");
ObjectType({ implements: AppError, description: "The back office code is already used by another payment cancellation" })(DuplicateBackOfficeCodeError);

Field(() => String, { description: "Path of the field in the input, e.g. udfString1 or payment.id" })(FieldError.prototype, "field");
Field(() => String)(FieldError.prototype, "message");
ObjectType({ description: "One invalid input field" })(FieldError);

Field(() => [FieldError])(ValidationError.prototype, "fieldErrors");
ObjectType({ implements: AppError, description: "Some input fields are invalid; nothing was done" })(ValidationError);

Field(() => PaymentOperation)(OperationInProgressError.prototype, "operation");
ObjectType({ implements: AppError, description: "Another operation on this payment is still in progress" })(OperationInProgressError);

Field(() => String)(IdempotencyKeyReuseError.prototype, "idempotencyKey");
ObjectType({ implements: AppError, description: "The idempotency key was already used with a different request" })(IdempotencyKeyReuseError);

Field(() => VendorCodeEnum)(VendorRejectedError.prototype, "vendor");
Field(() => String, { description: "The vendor's own code for the refusal" })(VendorRejectedError.prototype, "vendorCode");
Field(() => String, { description: "The vendor's own message" })(VendorRejectedError.prototype, "vendorMessage");
ObjectType({ implements: AppError, description: "The vendor refused the operation; the payment is unchanged" })(VendorRejectedError);

Field(() => VendorCodeEnum)(VendorUnavailableError.prototype, "vendor");
ObjectType({
  implements: AppError,
  description: "The vendor did not answer usably; the operation stays in progress and is completed by recovery",
})(VendorUnavailableError);

Field(() => String, { description: "The missing permission, e.g. payment:cancel" })(NotAuthorizedError.prototype, "permission");
ObjectType({ implements: AppError, description: "The caller's token lacks the permission this operation needs; nothing was done" })(NotAuthorizedError);

Field(() => String, { description: "The operation an operator must resolve" })(OperationNeedsAttentionError.prototype, "operationId");
Field(() => PaymentOperation)(OperationNeedsAttentionError.prototype, "operation");
ObjectType({
  implements: AppError,
  description: "The operation cannot be settled automatically (the vendor may have acted); an operator resolves it with resolveOperation",
})(OperationNeedsAttentionError);

Field(() => String)(OperationFailedError.prototype, "operationId");
Field(() => String, { description: "The operator's note" })(OperationFailedError.prototype, "note");
ObjectType({ implements: AppError, description: "An operator settled the operation as failed: the payment was not changed" })(OperationFailedError);

ObjectType({ implements: AppError, description: "No operation has this id (or its payment is outside the caller's reach)" })(OperationNotFoundError);

Field(() => OperationStatus)(OperationNotAwaitingResolutionError.prototype, "status");
ObjectType({ implements: AppError, description: "Only an operation that needs attention can be resolved" })(OperationNotAwaitingResolutionError);

Field(() => String, { description: "The input field holding the number, e.g. cancellation.number" })(VendorNumberTakenError.prototype, "field");
Field(() => String, { description: "The number entered" })(VendorNumberTakenError.prototype, "number");
Field(() => ID, { nullable: true, description: "The cancellation that holds the number; null when its payment is outside the caller's reach" })(
  VendorNumberTakenError.prototype,
  "cancellationId",
);
Field(() => String, { nullable: true, description: "The number of that cancellation's payment; null when it is outside the caller's reach" })(
  VendorNumberTakenError.prototype,
  "paymentNumber",
);
ObjectType({
  implements: AppError,
  description: "The vendor's cancellation number (or reference number) entered is already another cancellation's of the same vendor; nothing was done",
})(VendorNumberTakenError);
