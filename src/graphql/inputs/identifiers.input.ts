import { IsOptional, IsUUID, Length } from "class-validator";
import { Field, ID } from "type-graphql";
import { OneOfInputType } from "../one-of";
import type { PaymentIdentifier } from "../../domain/identifiers";

@OneOfInputType("PaymentIdentifierInput", "Names one payment.")
export class PaymentIdentifierInput implements PaymentIdentifier {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "id must be a UUID" })
  id?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 64)
  number?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 64)
  referenceNumber?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 64)
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
  @Length(1, 100)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 50)
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
  @Length(1, 100)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 50)
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
  @Length(1, 100)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 50)
  alternativeCode?: string;
}
