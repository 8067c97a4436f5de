import { Type } from "class-transformer";
import { IsDate, IsEnum, IsOptional, IsString, Length, Matches } from "class-validator";
import { PaymentModel, PaymentState } from "../../domain/enums";
import { CURRENCY_CODE_FORMAT, NAME_LENGTH, RECORD_CODE_LENGTH } from "../../domain/value-formats";
import { IsWithinYears } from "./rules";

/** A payment's amount (`numeric(19,4)`): positive, at most 15 integer digits and 4 decimals. */
export const PAYMENT_AMOUNT_FORMAT = /^(?=.*[1-9])\d{1,15}(\.\d{1,4})?$/;

/**
 * A payment as the system that created it at the vendor records it: the vendor and the vendor's
 * payment id are its key; recording it again with a later state reports that state.
 */
export class RecordPaymentCommand {
  /** The vendor's code (GraphQL's VendorCode, lower-cased). */
  @IsString() @Length(1, 31) vendor!: string;
  @Length(...RECORD_CODE_LENGTH) vendorPaymentId!: string;
  @Length(...RECORD_CODE_LENGTH) number!: string;
  @Length(...RECORD_CODE_LENGTH) referenceNumber!: string;
  @IsOptional() @Length(...RECORD_CODE_LENGTH) backOfficeCode?: string | null;
  @IsEnum(PaymentState, { message: `lifeCycleState must be one of ${Object.values(PaymentState).join(", ")}` }) lifeCycleState!: PaymentState;
  @IsDate({ message: "issuedOn must be an ISO date and time" }) @IsWithinYears() @Type(() => Date) issuedOn!: Date;
  @IsOptional() @IsDate({ message: "postedOn must be an ISO date and time" }) @IsWithinYears() @Type(() => Date) postedOn?: Date | null;
  /** Decimal text. */
  @Matches(PAYMENT_AMOUNT_FORMAT, { message: "amount must be positive, with at most 15 integer digits and 4 decimals" }) amount!: string;
  @Matches(CURRENCY_CODE_FORMAT, { message: "currencyCode must be three capital letters (ISO 4217)" }) currencyCode!: string;
  @IsEnum(PaymentModel, { message: "paymentModel must be PREPAID or POSTPAID" }) paymentModel!: PaymentModel;
  /** The owning reseller's code. */
  @Length(...RECORD_CODE_LENGTH) resellerCode!: string;
  @IsOptional() @Length(...RECORD_CODE_LENGTH) vendorResellerId?: string | null;
  @IsOptional() @Length(...NAME_LENGTH) gatewayName?: string | null;
  @IsOptional() @Length(...NAME_LENGTH) gatewayReferenceNumber?: string | null;
}
