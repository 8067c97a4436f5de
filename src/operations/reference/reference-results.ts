import type { Currency } from "../../domain/currency.entity";
import type { CurrencyRatePeriod } from "../../domain/currency-rate-period.entity";
import type { LookupEntry } from "../../domain/lookups.entity";
import type { Reseller } from "../../domain/reseller.entity";
import type { RecordChange } from "../intake/intake-results";
import { AppError, ErrorCode, errorOf } from "../operation-errors";

/** A reseller added (CREATED), changed (UPDATED) or already as given (UNCHANGED). */
export class ResellerSaved {
  readonly __typename = "ResellerSaved" as const;

  reseller!: Reseller;

  change!: RecordChange;
}

export class CurrencySaved {
  readonly __typename = "CurrencySaved" as const;

  currency!: Currency;

  change!: RecordChange;
}

export class RatePeriodSaved {
  readonly __typename = "RatePeriodSaved" as const;

  ratePeriod!: CurrencyRatePeriod;

  change!: RecordChange;
}

export class LookupSaved {
  readonly __typename = "LookupSaved" as const;

  lookup!: LookupEntry;

  change!: RecordChange;
}

/** Moving the reseller under the parent would put it below itself. */
export class ResellerCycleError extends AppError {
  readonly __typename = "ResellerCycleError" as const;
  readonly code = ErrorCode.RESELLER_CYCLE;

  resellerCode!: string;

  parentCode!: string;

  static of(resellerCode: string, parentCode: string): ResellerCycleError {
    return errorOf(new ResellerCycleError(), `"${parentCode}" is "${resellerCode}" or below it: a reseller cannot move below itself; nothing was saved.`, false, {
      resellerCode,
      parentCode,
    });
  }
}

/** The days of the rate period share a day with another period of the same currency. */
export class RatePeriodOverlapError extends AppError {
  readonly __typename = "RatePeriodOverlapError" as const;
  readonly code = ErrorCode.RATE_PERIOD_OVERLAP;

  overlapping!: CurrencyRatePeriod;

  static of(overlapping: CurrencyRatePeriod): RatePeriodOverlapError {
    const days = `${overlapping.fromDate} to ${overlapping.toDate ?? "open end"}`;
    return errorOf(new RatePeriodOverlapError(), `The period overlaps the period ${days} (${overlapping.id}) of the same currency; nothing was saved.`, false, {
      overlapping,
    });
  }
}

/** The value already belongs to another record of the kind (a lookup's name, a reseller's code outside the caller's reach). */
export class ReferenceConflictError extends AppError {
  readonly __typename = "ReferenceConflictError" as const;
  readonly code = ErrorCode.REFERENCE_CONFLICT;

  field!: string;

  static of(field: string, value: string, what: string): ReferenceConflictError {
    return errorOf(new ReferenceConflictError(), `The ${field} "${value}" already belongs to another ${what}; nothing was saved.`, false, { field });
  }
}
