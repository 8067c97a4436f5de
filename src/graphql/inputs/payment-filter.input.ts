import { IsOptional, Length, Matches } from "class-validator";
import { Field, InputType } from "type-graphql";
import { CurrencyLifeCycleState, PaymentState, type VendorCode } from "../../domain/enums";
import { VendorCodeEnum } from "../enums/vendor-code.enum";
import { Decimal } from "../../domain/scalars/decimal.scalar";
import { CURRENCY_CODE_FORMAT, RECORD_CODE_LENGTH } from "../../domain/value-formats";
import type { PaymentCriteria } from "../../domain/identifiers";

@InputType({ description: "Narrows a payments listing; every given field must match." })
export class PaymentFilter implements PaymentCriteria {
  @Field(() => [PaymentState], { nullable: true, description: "Any of these states" })
  states?: PaymentState[];

  @Field(() => VendorCodeEnum, { nullable: true })
  vendor?: VendorCode;

  @Field({ nullable: true, description: "ISO 4217 code, such as EUR" })
  @IsOptional()
  @Matches(CURRENCY_CODE_FORMAT, { message: "currencyCode must be three capital letters, such as EUR" })
  currencyCode?: string;

  @Field({ nullable: true, description: "Code of the owning reseller" })
  @IsOptional()
  @Length(...RECORD_CODE_LENGTH)
  resellerCode?: string;

  @Field(() => Date, { nullable: true, description: "Issued at or after this instant" })
  issuedFrom?: Date;

  @Field(() => Date, { nullable: true, description: "Issued strictly before this instant" })
  issuedBefore?: Date;

  @Field(() => Decimal, { nullable: true, description: "Amount at least this (inclusive)" })
  amountMin?: string;

  @Field(() => Decimal, { nullable: true, description: "Amount at most this (inclusive)" })
  amountMax?: string;
}

@InputType({ description: "Narrows a currencies listing." })
export class CurrencyFilter {
  @Field(() => [String], { nullable: true, description: "Any of these ISO 4217 codes" })
  @IsOptional()
  @Matches(CURRENCY_CODE_FORMAT, { each: true, message: "codes must be three capital letters each, such as EUR" })
  codes?: string[];

  @Field(() => CurrencyLifeCycleState, { nullable: true })
  lifeCycleState?: CurrencyLifeCycleState;
}
