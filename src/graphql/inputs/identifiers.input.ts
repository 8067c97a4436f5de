import { Field, ID } from "type-graphql";
import {
  CategoryIdentifierCommand,
  PaymentIdentifierCommand,
  RejectionReasonIdentifierCommand,
  TransactionTypeIdentifierCommand,
} from "../../operations/commands/identifiers";
import { OneOfInputType } from "../one-of";

/**
 * The identifiers' GraphQL shape, given to the operations' own identifier classes (their rules
 * live with them in operations/commands): each an input of which exactly one field is given.
 */
function identifierInput(target: new () => object, name: string, description: string, fields: readonly string[]): void {
  for (const field of fields) Field(() => (field === "id" ? ID : String), { nullable: true })(target.prototype as object, field);
  OneOfInputType(name, description)(target);
}

identifierInput(PaymentIdentifierCommand, "PaymentIdentifierInput", "Names one payment.", ["id", "number", "referenceNumber", "backOfficeCode"]);
identifierInput(TransactionTypeIdentifierCommand, "FinancialTransactionTypeIdentifierInput", "Names one financial transaction type.", ["id", "name", "alternativeCode"]);
identifierInput(CategoryIdentifierCommand, "FinancialTransactionCategoryIdentifierInput", "Names one financial transaction category.", ["id", "name", "code"]);
identifierInput(RejectionReasonIdentifierCommand, "RejectionReasonIdentifierInput", "Names one rejection reason.", ["id", "name", "alternativeCode"]);

export {
  PaymentIdentifierCommand as PaymentIdentifierInput,
  TransactionTypeIdentifierCommand as FinancialTransactionTypeIdentifierInput,
  CategoryIdentifierCommand as FinancialTransactionCategoryIdentifierInput,
  RejectionReasonIdentifierCommand as RejectionReasonIdentifierInput,
};
