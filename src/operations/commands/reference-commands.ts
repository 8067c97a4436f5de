import { IsEnum, IsInt, IsOptional, Length, Matches, Max, Min } from "class-validator";
import { CurrencyLifeCycleState } from "../../domain/enums";
import { LookupKind } from "../../domain/lookups.entity";
import { CURRENCY_CODE_FORMAT, LOOKUP_CODE_LENGTH, NAME_LENGTH, RECORD_CODE_LENGTH } from "../../domain/value-formats";
import { IsLocalDate } from "./rules";

/** A rate (`numeric(24,12)`): positive, at most 12 integer digits and 12 decimals. */
export const RATE_FORMAT = /^(?=.*[1-9])\d{1,12}(\.\d{1,12})?$/;

/** A reseller, by its code: added when the code is new, changed otherwise. */
export class SaveResellerCommand {
  @Length(...RECORD_CODE_LENGTH) code!: string;
  @Length(1, 200) name!: string;
  /** The parent's code, within the caller's reach; left out when changing: the parent stays. */
  @IsOptional() @Length(...RECORD_CODE_LENGTH) parentCode?: string | null;
}

/** A currency, by its ISO code: added when the code is new, changed otherwise. */
export class SaveCurrencyCommand {
  @Matches(CURRENCY_CODE_FORMAT, { message: "code must be three capital letters (ISO 4217)" }) code!: string;
  @IsOptional() @Length(1, 8) prefixSymbol?: string | null;
  @IsOptional() @Length(1, 8) suffixSymbol?: string | null;
  @IsEnum(CurrencyLifeCycleState, { message: "lifeCycleState must be EFFECTIVE or NOT_EFFECTIVE" }) lifeCycleState!: CurrencyLifeCycleState;
  @Length(1, 50) integerPartName!: string;
  @Length(1, 50) decimalPartName!: string;
  @IsInt() @Min(0) @Max(4) minorUnitDigits!: number;
}

/** A currency's rate over days, by the currency and its first day: added when new, changed otherwise. */
export class SaveRatePeriodCommand {
  @Matches(CURRENCY_CODE_FORMAT, { message: "currencyCode must be three capital letters (ISO 4217)" }) currencyCode!: string;
  @IsLocalDate() fromDate!: string;
  /** Inclusive; left out: open-ended. */
  @IsOptional() @IsLocalDate() toDate?: string | null;
  /** Decimal text. */
  @Matches(RATE_FORMAT, { message: "rate must be positive, with at most 12 integer digits and 12 decimals" }) rate!: string;
  /** Decimal text; left out: 1 / rate, to 12 decimals. */
  @IsOptional() @Matches(RATE_FORMAT, { message: "inverseRate must be positive, with at most 12 integer digits and 12 decimals" }) inverseRate?: string | null;
}

/** A lookup, by its kind and code: added when the code is new, renamed otherwise. */
export class SaveLookupCommand {
  @IsEnum(LookupKind, { message: `kind must be one of ${Object.values(LookupKind).join(", ")}` }) kind!: LookupKind;
  /** A type's or reason's alternative code, a category's code. */
  @Length(...LOOKUP_CODE_LENGTH) code!: string;
  @Length(...NAME_LENGTH) name!: string;
}
