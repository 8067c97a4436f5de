import { Field, InputType } from "type-graphql";
import { LocalDate } from "../../domain/scalars/date.scalar";
import { Decimal } from "../../domain/scalars/decimal.scalar";
import { CancelPaymentCommand, RejectPaymentCommand, VoidPaymentCommand } from "../../operations/commands/operation-commands";
import {
  FinancialTransactionCategoryIdentifierInput,
  FinancialTransactionTypeIdentifierInput,
  PaymentIdentifierInput,
  RejectionReasonIdentifierInput,
} from "./identifiers.input";

/**
 * The operations' inputs: the operations' own command classes (their rules live with them in
 * operations/commands) given their GraphQL shape here, field by field. The resolvers pass them
 * unvalidated: the pipeline checks them and answers ValidationError as data.
 */
type Shape = Array<[field: string, type: () => unknown, options: { nullable?: boolean; description?: string }]>;

function inputOf(target: new () => object, name: string, description: string, fields: Shape): void {
  for (const [field, type, options] of fields) Field(type as () => never, options)(target.prototype as object, field);
  InputType(name, { description })(target);
}

const OPERATION_FIELDS: Shape = [
  ["payment", () => PaymentIdentifierInput, { description: "The payment, by exactly one identifier" }],
  [
    "idempotencyKey",
    () => String,
    { nullable: true, description: "Sending the same request with the same key again returns the first result and never repeats the operation" },
  ],
];

const optional = (type: () => unknown, count: number, prefix: string): Shape =>
  Array.from({ length: count }, (_unused, i) => [`${prefix}${i + 1}`, type, { nullable: true }]);

inputOf(VoidPaymentCommand, "VoidPaymentInput", "Void an AUTHORIZED or PENDING payment: its pre-authorisation is released at the vendor", OPERATION_FIELDS);

inputOf(RejectPaymentCommand, "RejectPaymentInput", "Reject a DRAFT payment", [
  ...OPERATION_FIELDS,
  ["rejectionReason", () => RejectionReasonIdentifierInput, { nullable: true, description: "Why, by id, name or alternative code" }],
]);

inputOf(CancelPaymentCommand, "CancelPaymentInput", "Cancel a POSTED or WAITING_FOR_PAYMENT prepaid payment, creating a POSTED payment cancellation", [
  ...OPERATION_FIELDS,
  ["type", () => FinancialTransactionTypeIdentifierInput, { description: "Financial transaction type of the cancellation" }],
  ["category", () => FinancialTransactionCategoryIdentifierInput, { nullable: true }],
  ["notes", () => String, { nullable: true, description: "Shared notes, 2000 characters at most" }],
  ["backOfficeCode", () => String, { nullable: true, description: "Back office code of the cancellation; unique" }],
  ["issueReason", () => String, { nullable: true, description: "Why the cancellation is issued, 500 characters at most" }],
  ...optional(() => String, 8, "udfString"),
  ...optional(() => Decimal, 4, "udfFloat"),
  ...optional(() => LocalDate, 4, "udfDate"),
]);

export { CancelPaymentCommand as CancelPaymentInput, RejectPaymentCommand as RejectPaymentInput, VoidPaymentCommand as VoidPaymentInput };
