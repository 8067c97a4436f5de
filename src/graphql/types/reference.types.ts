import { createUnionType, Field, ID, Int, ObjectType, registerEnumType, type ClassType } from "type-graphql";
import { Currency } from "../../domain/currency.entity";
import { CurrencyRatePeriod } from "../../domain/currency-rate-period.entity";
import { LookupEntry, LookupKind } from "../../domain/lookups.entity";
import { Reseller } from "../../domain/reseller.entity";
import { CurrencyNotFoundError, RecordChange, ResellerNotFoundError } from "../../operations/intake/intake-results";
import { AppError, NotAuthorizedError, ValidationError } from "../../operations/operation-errors";
import { CurrencySaved, LookupSaved, RatePeriodOverlapError, RatePeriodSaved, ReferenceConflictError, ResellerCycleError, ResellerSaved } from "../../operations/reference/reference-results";
import { byTypename } from "./operation-result.types";
import "./intake.types";

/** The reference data's answers as GraphQL types (the classes stay plain in operations/reference). */
registerEnumType(LookupKind, { name: "LookupKind", description: "The lookups: financial transaction types and categories, rejection reasons" });

Field(() => ID)(LookupEntry.prototype, "id");
Field(() => LookupKind)(LookupEntry.prototype, "kind");
Field(() => String)(LookupEntry.prototype, "name");
Field(() => String, { description: "A type's or reason's alternativeCode, a category's code" })(LookupEntry.prototype, "code");
ObjectType("Lookup", { simpleResolvers: true, description: "A lookup of any kind, for forms and filters; identifiers take its id, name or code" })(LookupEntry);

/** A reseller of the caller's reach, listed in tree order. */
export class ResellerInTree {
  reseller!: Reseller;

  depth!: number;
}
Field(() => Reseller)(ResellerInTree.prototype, "reseller");
Field(() => Int, { description: "Levels below the caller's own reseller (0)" })(ResellerInTree.prototype, "depth");
ObjectType({ description: "A reseller within the caller's reach and its depth in the tree" })(ResellerInTree);

const savedDescription = "CREATED: added; UPDATED: changed; UNCHANGED: it was already as given";
Field(() => Reseller)(ResellerSaved.prototype, "reseller");
Field(() => RecordChange, { description: savedDescription })(ResellerSaved.prototype, "change");
ObjectType({ description: "The reseller as saved, and what saving it changed" })(ResellerSaved);
Field(() => Currency)(CurrencySaved.prototype, "currency");
Field(() => RecordChange, { description: savedDescription })(CurrencySaved.prototype, "change");
ObjectType({ description: "The currency as saved, and what saving it changed" })(CurrencySaved);
Field(() => CurrencyRatePeriod)(RatePeriodSaved.prototype, "ratePeriod");
Field(() => RecordChange, { description: savedDescription })(RatePeriodSaved.prototype, "change");
ObjectType({ description: "The rate period as saved, and what saving it changed" })(RatePeriodSaved);
Field(() => LookupEntry)(LookupSaved.prototype, "lookup");
Field(() => RecordChange, { description: savedDescription })(LookupSaved.prototype, "change");
ObjectType({ description: "The lookup as saved, and what saving it changed" })(LookupSaved);

Field(() => String)(ResellerCycleError.prototype, "resellerCode");
Field(() => String, { description: "The parent asked for: the reseller itself or one below it" })(ResellerCycleError.prototype, "parentCode");
ObjectType({ implements: AppError, description: "The move would put the reseller below itself; nothing was saved" })(ResellerCycleError);

Field(() => CurrencyRatePeriod, { description: "The period of the same currency that shares a day with the one given" })(RatePeriodOverlapError.prototype, "overlapping");
ObjectType({ implements: AppError, description: "Periods of one currency never share a day; nothing was saved" })(RatePeriodOverlapError);

Field(() => String, { description: "The field whose value is taken, e.g. name or code" })(ReferenceConflictError.prototype, "field");
ObjectType({ implements: AppError, description: "The value already belongs to another record of the kind; nothing was saved" })(ReferenceConflictError);

const union = (name: string, description: string, types: () => readonly [ClassType, ...ClassType[]]) => createUnionType({ name, description, resolveType: byTypename, types: types as never });

export const SaveResellerResult = union("SaveResellerResult", "saveReseller: the reseller saved, or why not", () => [
  ResellerSaved,
  ValidationError,
  ResellerNotFoundError,
  ResellerCycleError,
  ReferenceConflictError,
  NotAuthorizedError,
]);
export const SaveCurrencyResult = union("SaveCurrencyResult", "saveCurrency: the currency saved, or why not", () => [CurrencySaved, ValidationError, NotAuthorizedError]);
export const SaveRatePeriodResult = union("SaveRatePeriodResult", "saveRatePeriod: the rate period saved, or why not", () => [
  RatePeriodSaved,
  ValidationError,
  CurrencyNotFoundError,
  RatePeriodOverlapError,
  NotAuthorizedError,
]);
export const SaveLookupResult = union("SaveLookupResult", "saveLookup: the lookup saved, or why not", () => [LookupSaved, ValidationError, ReferenceConflictError, NotAuthorizedError]);
