import { Decimal } from "decimal.js";
import { violatedConstraint } from "../../database/database-failures";
import type { PaymentDatabase } from "../../stores/stores";
import { SaveCurrencyCommand, SaveLookupCommand, SaveRatePeriodCommand } from "../commands/reference-commands";
import { CurrencyNotFoundError, RecordChange } from "../intake/intake-results";
import type { OperationActor } from "../operation-actor";
import { ValidationError } from "../operation-errors";
import { CurrencySaved, LookupSaved, RatePeriodOverlapError, RatePeriodSaved, ReferenceConflictError } from "./reference-results";
import { writeReference } from "./reference-writes";

/** Adds a currency, or changes the one with the code (its code never changes). */
export function saveCurrency(db: PaymentDatabase, given: SaveCurrencyCommand, actor: OperationActor): Promise<object> {
  return writeReference(db, SaveCurrencyCommand, given, actor, async (stores, command) => {
    const values = {
      code: command.code,
      prefixSymbol: command.prefixSymbol ?? null,
      suffixSymbol: command.suffixSymbol ?? null,
      lifeCycleState: command.lifeCycleState,
      integerPartName: command.integerPartName,
      decimalPartName: command.decimalPartName,
      minorUnitDigits: command.minorUnitDigits,
    };
    const existing = await stores.reference.currencyByCode(command.code);
    if (!existing) return Object.assign(new CurrencySaved(), { currency: await stores.reference.insertCurrency(values), change: RecordChange.CREATED });
    const same = (Object.keys(values) as Array<keyof typeof values>).every((field) => existing[field] === values[field]);
    if (same) return Object.assign(new CurrencySaved(), { currency: existing, change: RecordChange.UNCHANGED });
    return Object.assign(new CurrencySaved(), { currency: await stores.reference.updateCurrency(existing.id, values), change: RecordChange.UPDATED });
  });
}

const OVERLAP = "currency_rate_period_no_overlap";

/**
 * Adds a rate period of a currency, or changes the one starting on the same day (its rates and
 * last day). Periods of one currency never share a day: PostgreSQL's exclusion constraint refuses
 * it, and the answer names the period in the way.
 */
export function saveRatePeriod(db: PaymentDatabase, given: SaveRatePeriodCommand, actor: OperationActor): Promise<object> {
  const overlapOf = async (command: SaveRatePeriodCommand) => {
    const currency = await db.stores.reference.currencyByCode(command.currencyCode);
    const other = currency && (await db.stores.reference.overlappingRatePeriod(currency.id, command.fromDate, command.toDate ?? null, command.fromDate));
    return other ? RatePeriodOverlapError.of(other) : null;
  };
  return writeReference(
    db,
    SaveRatePeriodCommand,
    given,
    actor,
    async (stores, command) => {
      const toDate = command.toDate ?? null;
      if (toDate !== null && toDate < command.fromDate) return ValidationError.of([{ field: "toDate", message: "toDate must not be before fromDate" }]);
      const currency = await stores.reference.currencyByCode(command.currencyCode);
      if (!currency) return CurrencyNotFoundError.of(command.currencyCode);
      const rate = new Decimal(command.rate);
      const inverseRate = command.inverseRate ? new Decimal(command.inverseRate) : new Decimal(1).div(rate).toDecimalPlaces(12);
      const values = { rate: rate.toString(), inverseRate: inverseRate.toString(), toDate };
      const existing = await stores.reference.ratePeriodFrom(currency.id, command.fromDate);
      if (!existing) {
        const ratePeriod = await stores.reference.insertRatePeriod({ currencyId: currency.id, fromDate: command.fromDate, ...values });
        return Object.assign(new RatePeriodSaved(), { ratePeriod, change: RecordChange.CREATED });
      }
      if (rate.eq(existing.rate) && inverseRate.eq(existing.inverseRate) && existing.toDate === toDate) {
        return Object.assign(new RatePeriodSaved(), { ratePeriod: existing, change: RecordChange.UNCHANGED });
      }
      return Object.assign(new RatePeriodSaved(), { ratePeriod: await stores.reference.updateRatePeriod(existing.id, values), change: RecordChange.UPDATED });
    },
    // PostgreSQL's exclusion constraint refused the days: the period in the way is named.
    async (error, command) => (violatedConstraint(error) === OVERLAP ? overlapOf(command) : null),
  );
}

/** Adds a lookup of a kind, or renames the one with the code; names are unique within a kind. */
export function saveLookup(db: PaymentDatabase, given: SaveLookupCommand, actor: OperationActor): Promise<object> {
  return writeReference(db, SaveLookupCommand, given, actor, async (stores, command) => {
    const existing = await stores.reference.lookupBy(command.kind, "code", command.code);
    if (existing && existing.name === command.name) return Object.assign(new LookupSaved(), { lookup: existing, change: RecordChange.UNCHANGED });
    const holder = await stores.reference.lookupBy(command.kind, "name", command.name);
    if (holder) return ReferenceConflictError.of("name", command.name, "lookup of the kind");
    if (!existing) return Object.assign(new LookupSaved(), { lookup: await stores.reference.insertLookup(command.kind, command.name, command.code), change: RecordChange.CREATED });
    return Object.assign(new LookupSaved(), { lookup: await stores.reference.renameLookup(command.kind, existing.id, command.name), change: RecordChange.UPDATED });
  });
}
