import { Type } from "class-transformer";
import { IsDate, IsEnum, IsOptional, IsString, Length, Matches, ValidateNested } from "class-validator";
import { NAME_LENGTH, RECORD_CODE_LENGTH, RESOLUTION_NOTE_LENGTH } from "../../domain/value-formats";

/** How an operator settles an operation that needs attention. */
export enum OperationResolution {
  /** The vendor did act (its records say so): apply the state change. */
  SUCCEEDED = "SUCCEEDED",
  /** The vendor did not act: release the payment unchanged. */
  FAILED = "FAILED",
}

/** The vendor's cancellation record, as the operator reads it from the vendor's system; unknown fields stay unknown. */
export class ResolvedCancellationRecord {
  @IsOptional() @Length(...RECORD_CODE_LENGTH) number?: string | null;
  @IsOptional() @Length(...RECORD_CODE_LENGTH) referenceNumber?: string | null;
  /** The vendor's id of the cancellation. */
  @IsOptional() @Length(...RECORD_CODE_LENGTH) vendorId?: string | null;
  @IsOptional() @IsDate() @Type(() => Date) issuedOn?: Date | null;
  @IsOptional() @IsDate() @Type(() => Date) postedOn?: Date | null;
  /** The amount the vendor cancelled, decimal text. */
  @IsOptional()
  @Matches(/^-?\d{1,15}(\.\d{1,4})?$/, { message: "amount takes at most 15 integer digits and 4 decimals" })
  amount?: string | null;
  @IsOptional() @Length(...NAME_LENGTH) gatewayName?: string | null;
  @IsOptional() @Length(...NAME_LENGTH) gatewayReferenceNumber?: string | null;
}

/** An admin settles an operation that needs attention, by what the vendor's records say. */
export class ResolveOperationCommand {
  /** An id that names no operation (or not a UUID at all) is answered "not found", not refused. */
  @IsString() operationId!: string;

  @IsEnum(OperationResolution, { message: "outcome must be SUCCEEDED or FAILED" })
  outcome!: OperationResolution;

  /** Why: what the vendor's records show; recorded on the payment's history. */
  @Length(...RESOLUTION_NOTE_LENGTH) note!: string;

  /** For a cancel settled as SUCCEEDED: the vendor's cancellation record. */
  @IsOptional() @ValidateNested() @Type(() => ResolvedCancellationRecord)
  cancellation?: ResolvedCancellationRecord | null;
}
