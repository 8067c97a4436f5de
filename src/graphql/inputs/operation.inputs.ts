import { IsOptional, Length, Matches, MaxLength, ValidateNested } from "class-validator";
import { Field, InputType } from "type-graphql";
import { LocalDate } from "../../domain/scalars/date.scalar";
import { Decimal } from "../../domain/scalars/decimal.scalar";
import { CANCELLATION_TEXT_LENGTHS, IDEMPOTENCY_KEY_FORMAT, IDEMPOTENCY_KEY_LENGTH, USER_DEFINED_DECIMAL_FORMAT } from "../../domain/value-formats";
import type { CancelPaymentCommand, PaymentOperationCommand, RejectPaymentCommand, VoidPaymentCommand } from "../../operations/operation-commands";
import {
  FinancialTransactionCategoryIdentifierInput,
  FinancialTransactionTypeIdentifierInput,
  PaymentIdentifierInput,
  RejectionReasonIdentifierInput,
} from "./identifiers.input";

const UDF_DECIMAL = USER_DEFINED_DECIMAL_FORMAT;
const TEXT = CANCELLATION_TEXT_LENGTHS;
const UDF_DECIMAL_MESSAGE = "$property takes at most 20 integer digits and 10 decimals";

/** What every operation input has: the payment and an optional idempotency key. */
@InputType("PaymentOperationInput", { description: "The payment an operation is for, and its idempotency key" })
export abstract class PaymentOperationInput implements PaymentOperationCommand {
  @Field(() => PaymentIdentifierInput, { description: "The payment, by exactly one identifier" })
  @ValidateNested()
  payment!: PaymentIdentifierInput;

  @Field({
    nullable: true,
    description: "Sending the same request with the same key again returns the first result and never repeats the operation",
  })
  @IsOptional()
  @Length(...IDEMPOTENCY_KEY_LENGTH)
  @Matches(IDEMPOTENCY_KEY_FORMAT, { message: "idempotencyKey takes printable ASCII characters without spaces" })
  idempotencyKey?: string;
}

@InputType({ description: "Void an AUTHORIZED or PENDING payment: its pre-authorisation is released at the vendor" })
export class VoidPaymentInput extends PaymentOperationInput implements VoidPaymentCommand {}

@InputType({ description: "Reject a DRAFT payment" })
export class RejectPaymentInput extends PaymentOperationInput implements RejectPaymentCommand {
  @Field(() => RejectionReasonIdentifierInput, { nullable: true, description: "Why, by id, name or alternative code" })
  @IsOptional()
  @ValidateNested()
  rejectionReason?: RejectionReasonIdentifierInput;
}

@InputType({ description: "Cancel a POSTED or WAITING_FOR_PAYMENT prepaid payment, creating a POSTED payment cancellation" })
export class CancelPaymentInput extends PaymentOperationInput implements CancelPaymentCommand {
  @Field(() => FinancialTransactionTypeIdentifierInput, { description: "Financial transaction type of the cancellation" })
  @ValidateNested()
  type!: FinancialTransactionTypeIdentifierInput;

  @Field(() => FinancialTransactionCategoryIdentifierInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  category?: FinancialTransactionCategoryIdentifierInput;

  @Field({ nullable: true, description: "Shared notes, 2000 characters at most" })
  @IsOptional()
  @MaxLength(TEXT.notes[1])
  notes?: string;

  @Field({ nullable: true, description: "Back office code of the cancellation; unique" })
  @IsOptional()
  @Length(...TEXT.backOfficeCode)
  backOfficeCode?: string;

  @Field({ nullable: true, description: "Why the cancellation is issued, 500 characters at most" })
  @IsOptional()
  @MaxLength(TEXT.issueReason[1])
  issueReason?: string;

  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT.userDefinedString[1]) udfString1?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT.userDefinedString[1]) udfString2?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT.userDefinedString[1]) udfString3?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT.userDefinedString[1]) udfString4?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT.userDefinedString[1]) udfString5?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT.userDefinedString[1]) udfString6?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT.userDefinedString[1]) udfString7?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(TEXT.userDefinedString[1]) udfString8?: string;
  @Field(() => Decimal, { nullable: true }) @IsOptional() @Matches(UDF_DECIMAL, { message: UDF_DECIMAL_MESSAGE }) udfFloat1?: string;
  @Field(() => Decimal, { nullable: true }) @IsOptional() @Matches(UDF_DECIMAL, { message: UDF_DECIMAL_MESSAGE }) udfFloat2?: string;
  @Field(() => Decimal, { nullable: true }) @IsOptional() @Matches(UDF_DECIMAL, { message: UDF_DECIMAL_MESSAGE }) udfFloat3?: string;
  @Field(() => Decimal, { nullable: true }) @IsOptional() @Matches(UDF_DECIMAL, { message: UDF_DECIMAL_MESSAGE }) udfFloat4?: string;
  @Field(() => LocalDate, { nullable: true }) udfDate1?: string;
  @Field(() => LocalDate, { nullable: true }) udfDate2?: string;
  @Field(() => LocalDate, { nullable: true }) udfDate3?: string;
  @Field(() => LocalDate, { nullable: true }) udfDate4?: string;
}
