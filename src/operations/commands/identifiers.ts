import { IsOptional, IsUUID, Length } from "class-validator";
import type { CategoryIdentifier, LookupIdentifier, PaymentIdentifier } from "../../domain/identifiers";
import { LOOKUP_CODE_LENGTH, NAME_LENGTH, RECORD_CODE_LENGTH } from "../../domain/value-formats";

const UUID_MESSAGE = { message: "id must be a UUID" };

/** Names one payment: exactly one of the fields. */
export class PaymentIdentifierCommand implements PaymentIdentifier {
  @IsOptional() @IsUUID("all", UUID_MESSAGE) id?: string;
  @IsOptional() @Length(...RECORD_CODE_LENGTH) number?: string;
  @IsOptional() @Length(...RECORD_CODE_LENGTH) referenceNumber?: string;
  @IsOptional() @Length(...RECORD_CODE_LENGTH) backOfficeCode?: string;
}
export const PAYMENT_IDENTIFIER_FIELDS = ["id", "number", "referenceNumber", "backOfficeCode"] as const;

/** Names one lookup by id, name or alternative code (a transaction type, a rejection reason). */
export abstract class LookupIdentifierCommand implements LookupIdentifier {
  @IsOptional() @IsUUID("all", UUID_MESSAGE) id?: string;
  @IsOptional() @Length(...NAME_LENGTH) name?: string;
  @IsOptional() @Length(...LOOKUP_CODE_LENGTH) alternativeCode?: string;
}
export const LOOKUP_IDENTIFIER_FIELDS = ["id", "name", "alternativeCode"] as const;

export class TransactionTypeIdentifierCommand extends LookupIdentifierCommand {}
export class RejectionReasonIdentifierCommand extends LookupIdentifierCommand {}

/** Names one financial transaction category by id, name or code. */
export class CategoryIdentifierCommand implements CategoryIdentifier {
  @IsOptional() @IsUUID("all", UUID_MESSAGE) id?: string;
  @IsOptional() @Length(...NAME_LENGTH) name?: string;
  @IsOptional() @Length(...LOOKUP_CODE_LENGTH) code?: string;
}
export const CATEGORY_IDENTIFIER_FIELDS = ["id", "name", "code"] as const;
