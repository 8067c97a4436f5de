import { Type } from "class-transformer";
import { IsOptional, Length, Matches, MaxLength, ValidateNested } from "class-validator";
import { CANCELLATION_TEXT_LENGTHS, IDEMPOTENCY_KEY_FORMAT, IDEMPOTENCY_KEY_LENGTH, USER_DEFINED_DECIMAL_FORMAT } from "../../domain/value-formats";
import {
  CATEGORY_IDENTIFIER_FIELDS,
  CategoryIdentifierCommand,
  LOOKUP_IDENTIFIER_FIELDS,
  PAYMENT_IDENTIFIER_FIELDS,
  PaymentIdentifierCommand,
  RejectionReasonIdentifierCommand,
  TransactionTypeIdentifierCommand,
} from "./identifiers";
import { ExactlyOneOf, IsLocalDate } from "./rules";

const TEXT = CANCELLATION_TEXT_LENGTHS;
const UDF_DECIMAL = { message: "$property takes at most 20 integer digits and 10 decimals" };
const UDF_STRING = TEXT.userDefinedString[1];

/**
 * What the operations take, whatever the transport: plain commands, each field with its rule.
 * The pipeline validates a command (a plain object is read into its class first), so a command is
 * refused the same way with or without GraphQL; graphql/inputs gives these classes their GraphQL
 * shape.
 */
export abstract class PaymentOperationCommand {
  @ValidateNested() @Type(() => PaymentIdentifierCommand) @ExactlyOneOf(PAYMENT_IDENTIFIER_FIELDS)
  payment!: PaymentIdentifierCommand;

  /** Sending the same command with the same key again returns the first result. */
  @IsOptional()
  @Length(...IDEMPOTENCY_KEY_LENGTH)
  @Matches(IDEMPOTENCY_KEY_FORMAT, { message: "idempotencyKey takes printable ASCII characters without spaces" })
  idempotencyKey?: string;
}

export class VoidPaymentCommand extends PaymentOperationCommand {}

export class RejectPaymentCommand extends PaymentOperationCommand {
  @IsOptional() @ValidateNested() @Type(() => RejectionReasonIdentifierCommand) @ExactlyOneOf(LOOKUP_IDENTIFIER_FIELDS)
  rejectionReason?: RejectionReasonIdentifierCommand;
}

export class CancelPaymentCommand extends PaymentOperationCommand {
  @ValidateNested() @Type(() => TransactionTypeIdentifierCommand) @ExactlyOneOf(LOOKUP_IDENTIFIER_FIELDS)
  type!: TransactionTypeIdentifierCommand;

  @IsOptional() @ValidateNested() @Type(() => CategoryIdentifierCommand) @ExactlyOneOf(CATEGORY_IDENTIFIER_FIELDS)
  category?: CategoryIdentifierCommand;

  @IsOptional() @MaxLength(TEXT.notes[1]) notes?: string;
  @IsOptional() @Length(...TEXT.backOfficeCode) backOfficeCode?: string;
  @IsOptional() @MaxLength(TEXT.issueReason[1]) issueReason?: string;

  @IsOptional() @MaxLength(UDF_STRING) udfString1?: string;
  @IsOptional() @MaxLength(UDF_STRING) udfString2?: string;
  @IsOptional() @MaxLength(UDF_STRING) udfString3?: string;
  @IsOptional() @MaxLength(UDF_STRING) udfString4?: string;
  @IsOptional() @MaxLength(UDF_STRING) udfString5?: string;
  @IsOptional() @MaxLength(UDF_STRING) udfString6?: string;
  @IsOptional() @MaxLength(UDF_STRING) udfString7?: string;
  @IsOptional() @MaxLength(UDF_STRING) udfString8?: string;
  /** Decimal text. */
  @IsOptional() @Matches(USER_DEFINED_DECIMAL_FORMAT, UDF_DECIMAL) udfFloat1?: string;
  @IsOptional() @Matches(USER_DEFINED_DECIMAL_FORMAT, UDF_DECIMAL) udfFloat2?: string;
  @IsOptional() @Matches(USER_DEFINED_DECIMAL_FORMAT, UDF_DECIMAL) udfFloat3?: string;
  @IsOptional() @Matches(USER_DEFINED_DECIMAL_FORMAT, UDF_DECIMAL) udfFloat4?: string;
  /** YYYY-MM-DD. */
  @IsOptional() @IsLocalDate() udfDate1?: string;
  @IsOptional() @IsLocalDate() udfDate2?: string;
  @IsOptional() @IsLocalDate() udfDate3?: string;
  @IsOptional() @IsLocalDate() udfDate4?: string;
}
