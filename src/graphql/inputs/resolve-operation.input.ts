import { IsOptional, Length, Matches, MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { OperationResolution, type ResolveOperationCommand, type ResolvedCancellationRecord } from "../../operations/resolve-operation";
import { Decimal } from "../../domain/scalars/decimal.scalar";
import { NAME_LENGTH, RECORD_CODE_LENGTH, RESOLUTION_NOTE_LENGTH } from "../../domain/value-formats";

registerEnumType(OperationResolution, { name: "OperationResolution", description: "What the vendor's own records say happened" });

@InputType({ description: "The vendor's cancellation record, as read from the vendor's own system (all optional; unknown fields stay unknown)" })
export class ResolvedCancellationInput implements ResolvedCancellationRecord {
  @Field({ nullable: true }) @IsOptional() @Length(...RECORD_CODE_LENGTH) number?: string;
  @Field({ nullable: true }) @IsOptional() @Length(...RECORD_CODE_LENGTH) referenceNumber?: string;
  @Field({ nullable: true, description: "The vendor's id of the cancellation" }) @IsOptional() @Length(...RECORD_CODE_LENGTH) vendorId?: string;
  @Field(() => Date, { nullable: true }) @IsOptional() issuedOn?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() postedOn?: Date;
  @Field(() => Decimal, { nullable: true, description: "The amount the vendor cancelled" })
  @IsOptional()
  @Matches(/^-?\d{1,15}(\.\d{1,4})?$/, { message: "amount takes at most 15 integer digits and 4 decimals" })
  amount?: string;
  @Field({ nullable: true }) @IsOptional() @Length(...NAME_LENGTH) gatewayName?: string;
  @Field({ nullable: true }) @IsOptional() @Length(...NAME_LENGTH) gatewayReferenceNumber?: string;
}

@InputType({ description: "Settle an operation that needs attention, by what the vendor's records say" })
export class ResolveOperationInput implements ResolveOperationCommand {
  @Field(() => ID)
  operationId!: string;

  @Field(() => OperationResolution)
  outcome!: OperationResolution;

  @Field({ description: "Why: what the vendor's records show; recorded on the payment's history" })
  @Length(...RESOLUTION_NOTE_LENGTH)
  note!: string;

  @Field(() => ResolvedCancellationInput, { nullable: true, description: "For a cancel settled as SUCCEEDED: the vendor's cancellation record" })
  @IsOptional()
  @ValidateNested()
  cancellation?: ResolvedCancellationInput;
}
