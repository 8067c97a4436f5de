import { IsOptional, Length, Matches } from "class-validator";
import { Field, InputType, registerEnumType } from "type-graphql";
import { CurrencyLifeCycleState, PaymentState, type VendorCode } from "../../domain/enums";
import { VendorCodeEnum } from "../enums/vendor-code.enum";
import { Decimal } from "../../domain/scalars/decimal.scalar";
import { CURRENCY_CODE_FORMAT, RECORD_CODE_LENGTH } from "../../domain/value-formats";
import { PaymentOrder, type PaymentCriteria } from "../../domain/identifiers";

const SEARCH_MAX_LENGTH = 200;

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

  @Field({
    nullable: true,
    description: "A payment number, reference number, back office code or the vendor's payment id: payments where any of them equals it exactly (spaces around it are ignored)",
  })
  @IsOptional()
  @Length(1, SEARCH_MAX_LENGTH)
  @Matches(/\S/, { message: "search must hold something besides spaces" })
  search?: string;
}

registerEnumType(PaymentOrder, {
  name: "PaymentOrder",
  description: "The order of a payments listing; each is paged with its own keyset cursors (its key, then id)",
  valuesConfig: {
    ISSUED_ON_DESC: { description: "Newest issued first (the default)" },
    ISSUED_ON_ASC: { description: "Oldest issued first" },
    AMOUNT_DESC: { description: "Largest amount first" },
    AMOUNT_ASC: { description: "Smallest amount first" },
  },
});

@InputType({ description: "Narrows a currencies listing." })
export class CurrencyFilter {
  @Field(() => [String], { nullable: true, description: "Any of these ISO 4217 codes" })
  @IsOptional()
  @Matches(CURRENCY_CODE_FORMAT, { each: true, message: "codes must be three capital letters each, such as EUR" })
  codes?: string[];

  @Field(() => CurrencyLifeCycleState, { nullable: true })
  lifeCycleState?: CurrencyLifeCycleState;
}
