import { Field, InputType, Int } from "type-graphql";
import { CurrencyLifeCycleState } from "../../domain/enums";
import { LookupKind } from "../../domain/lookups.entity";
import { LocalDate } from "../../domain/scalars/date.scalar";
import { Decimal } from "../../domain/scalars/decimal.scalar";
import { SaveCurrencyCommand, SaveLookupCommand, SaveRatePeriodCommand, SaveResellerCommand } from "../../operations/commands/reference-commands";

/** The reference commands' GraphQL shapes (their rules live with them in operations/commands). */
const reseller = SaveResellerCommand.prototype;
Field(() => String, { description: "The reseller's code: a new code adds a reseller, a known one changes it" })(reseller, "code");
Field(() => String)(reseller, "name");
Field(() => String, { nullable: true, description: "The parent's code, within the caller's reach; left out when changing: the parent stays" })(reseller, "parentCode");
InputType("SaveResellerInput", { description: "A reseller to add, or to rename or move within the caller's reach" })(SaveResellerCommand);

const currency = SaveCurrencyCommand.prototype;
Field(() => String, { description: "ISO 4217 code: a new code adds a currency, a known one changes it" })(currency, "code");
Field(() => String, { nullable: true })(currency, "prefixSymbol");
Field(() => String, { nullable: true })(currency, "suffixSymbol");
Field(() => CurrencyLifeCycleState)(currency, "lifeCycleState");
Field(() => String)(currency, "integerPartName");
Field(() => String)(currency, "decimalPartName");
Field(() => Int, { description: "0 to 4" })(currency, "minorUnitDigits");
InputType("SaveCurrencyInput", { description: "A currency to add or change" })(SaveCurrencyCommand);

const period = SaveRatePeriodCommand.prototype;
Field(() => String)(period, "currencyCode");
Field(() => LocalDate, { description: "The first day: with the currency, the period's key" })(period, "fromDate");
Field(() => LocalDate, { nullable: true, description: "The last day (inclusive); null: open-ended" })(period, "toDate");
Field(() => Decimal)(period, "rate");
Field(() => Decimal, { nullable: true, description: "Left out: 1 / rate, to 12 decimals" })(period, "inverseRate");
InputType("SaveRatePeriodInput", { description: "A currency rate period to add, or to change (the one of the currency starting on fromDate)" })(SaveRatePeriodCommand);

const lookup = SaveLookupCommand.prototype;
Field(() => LookupKind)(lookup, "kind");
Field(() => String, { description: "A type's or reason's alternative code, a category's code: a new code adds a lookup, a known one renames it" })(lookup, "code");
Field(() => String)(lookup, "name");
InputType("SaveLookupInput", { description: "A lookup to add or rename" })(SaveLookupCommand);

export { SaveCurrencyCommand as SaveCurrencyInput, SaveLookupCommand as SaveLookupInput, SaveRatePeriodCommand as SaveRatePeriodInput, SaveResellerCommand as SaveResellerInput };
