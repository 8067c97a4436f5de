import { createUnionType, Field, ObjectType, registerEnumType } from "type-graphql";
import { PaymentState } from "../../domain/enums";
import { Payment } from "../../domain/payment.entity";
import { CurrencyNotFoundError, PaymentConflictError, PaymentRecorded, PaymentStateMoveError, RecordChange, ResellerNotFoundError } from "../../operations/intake/intake-results";
import { AppError, NotAuthorizedError, OperationInProgressError, ValidationError } from "../../operations/operation-errors";
import { byTypename } from "./operation-result.types";

/** The answers of recordPayments as GraphQL types (the classes stay plain in operations/intake). */
registerEnumType(RecordChange, {
  name: "RecordChange",
  description: "CREATED: a new record (a payment, reseller, currency, rate period or lookup); UPDATED: what was given changed it; UNCHANGED: it was already as given",
});

Field(() => Payment)(PaymentRecorded.prototype, "payment");
Field(() => RecordChange)(PaymentRecorded.prototype, "change");
ObjectType({ description: "The payment as recorded, and what recording it changed" })(PaymentRecorded);

Field(() => String)(ResellerNotFoundError.prototype, "resellerCode");
ObjectType({ implements: AppError, description: "No reseller with the code within the caller's reach (one outside it answers the same)" })(ResellerNotFoundError);

Field(() => String)(CurrencyNotFoundError.prototype, "currencyCode");
ObjectType({ implements: AppError, description: "No currency has the code" })(CurrencyNotFoundError);

Field(() => String, { description: "The field that clashes, e.g. number, referenceNumber, backOfficeCode, amount" })(PaymentConflictError.prototype, "field");
Field(() => String, { nullable: true, description: "The number of the other payment holding the value, when the caller reaches it" })(
  PaymentConflictError.prototype,
  "otherPaymentNumber",
);
ObjectType({
  implements: AppError,
  description: "The value belongs to another payment, or differs from what the payment was recorded with and does not change; nothing was recorded",
})(PaymentConflictError);

Field(() => PaymentState)(PaymentStateMoveError.prototype, "currentState");
Field(() => PaymentState)(PaymentStateMoveError.prototype, "reportedState");
Field(() => [PaymentState], { description: "The states a vendor may report from the current one" })(PaymentStateMoveError.prototype, "allowedStates");
ObjectType({ implements: AppError, description: "The reported state is not one the recorded state moves to (never out of CANCELLED or REJECTED)" })(PaymentStateMoveError);

export const RecordPaymentResult = createUnionType({
  name: "RecordPaymentResult",
  description: "One payment of recordPayments: recorded, or why not",
  resolveType: byTypename,
  types: () =>
    [
      PaymentRecorded,
      ValidationError,
      ResellerNotFoundError,
      CurrencyNotFoundError,
      PaymentConflictError,
      PaymentStateMoveError,
      OperationInProgressError,
      NotAuthorizedError,
    ] as const,
});
