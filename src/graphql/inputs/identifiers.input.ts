import { IsOptional, IsUUID, Length } from "class-validator";
import { Field, ID } from "type-graphql";
import { OneOfInputType } from "../one-of";
import type { PaymentIdentifier } from "../../domain/identifiers";
import { LOOKUP_CODE_LENGTH, NAME_LENGTH, RECORD_CODE_LENGTH } from "../../domain/value-formats";

@OneOfInputType("PaymentIdentifierInput", "Names one payment.")
export class PaymentIdentifierInput implements PaymentIdentifier {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "id must be a UUID" })
  id?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(...RECORD_CODE_LENGTH)
  number?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(...RECORD_CODE_LENGTH)
  referenceNumber?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(...RECORD_CODE_LENGTH)
  backOfficeCode?: string;
}

/** Identifier of a lookup found by id, name or alternative code (transaction types, rejection reasons). */
@OneOfInputType("FinancialTransactionTypeIdentifierInput", "Names one financial transaction type.")
export class FinancialTransactionTypeIdentifierInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "id must be a UUID" })
  id?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(...NAME_LENGTH)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(...LOOKUP_CODE_LENGTH)
  alternativeCode?: string;
}

@OneOfInputType("FinancialTransactionCategoryIdentifierInput", "Names one financial transaction category.")
export class FinancialTransactionCategoryIdentifierInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "id must be a UUID" })
  id?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(...NAME_LENGTH)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(...LOOKUP_CODE_LENGTH)
  code?: string;
}

@OneOfInputType("RejectionReasonIdentifierInput", "Names one rejection reason.")
export class RejectionReasonIdentifierInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "id must be a UUID" })
  id?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(...NAME_LENGTH)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(...LOOKUP_CODE_LENGTH)
  alternativeCode?: string;
}
