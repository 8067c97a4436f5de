import { Field, InputType } from "type-graphql";
import { PaymentModel, PaymentState } from "../../domain/enums";
import { Decimal } from "../../domain/scalars/decimal.scalar";
import { RecordPaymentCommand } from "../../operations/commands/record-payment-command";
import { VendorCodeEnum } from "../enums/vendor-code.enum";

/** The record command's GraphQL shape (its rules live with it in operations/commands). */
const command = RecordPaymentCommand.prototype;
Field(() => VendorCodeEnum, { description: "The vendor that holds the payment; with vendorPaymentId, the payment's key" })(command, "vendor");
Field(() => String, { description: "The vendor's own id of the payment" })(command, "vendorPaymentId");
Field(() => String)(command, "number");
Field(() => String)(command, "referenceNumber");
Field(() => String, { nullable: true, description: "Unique per owning reseller" })(command, "backOfficeCode");
Field(() => PaymentState, { description: "The state at the vendor; a later report moves it only along the table of reported moves" })(command, "lifeCycleState");
Field(() => Date)(command, "issuedOn");
Field(() => Date, { nullable: true })(command, "postedOn");
Field(() => Decimal, { description: "Positive, at most 15 integer digits and 4 decimals" })(command, "amount");
Field(() => String, { description: "ISO 4217 code of a currency the API knows" })(command, "currencyCode");
Field(() => PaymentModel)(command, "paymentModel");
Field(() => String, { description: "Code of the owning reseller, within the caller's reach" })(command, "resellerCode");
Field(() => String, { nullable: true, description: "The vendor's id of the owning reseller, where the vendor has one" })(command, "vendorResellerId");
Field(() => String, { nullable: true })(command, "gatewayName");
Field(() => String, { nullable: true })(command, "gatewayReferenceNumber");
InputType("RecordPaymentInput", { description: "A payment created at a vendor, or a later report of it; a field left out (or null) keeps what was recorded" })(
  RecordPaymentCommand,
);

export { RecordPaymentCommand as RecordPaymentInput };
