import { Type } from "class-transformer";
import { IsDate, IsEnum, IsOptional, IsString, Length, Matches } from "class-validator";
import { PaymentModel, PaymentState } from "../../domain/enums";
import { CURRENCY_CODE_FORMAT, MAX_YEAR, MIN_YEAR, NAME_LENGTH, RECORD_CODE_LENGTH } from "../../domain/value-formats";
import { IsWithinYears } from "./rules";

/** A payment's amount (`numeric(19,4)`): positive, at most 15 integer digits and 4 decimals. */
export const PAYMENT_AMOUNT_FORMAT = /^(?=.*[1-9])\d{1,15}(\.\d{1,4})?$/;

/**
 * A payment as the system that created it at the vendor records it: the vendor and the vendor's
 * payment id are its key; recording it again with a later state reports that state.
 */
export class RecordPaymentCommand {
  /** The vendor's code (GraphQL's VendorCode, lower-cased). */
  @IsString() @Length(1, 31) vendor!: string;
  @Length(...RECORD_CODE_LENGTH) vendorPaymentId!: string;
  @Length(...RECORD_CODE_LENGTH) number!: string;
  @Length(...RECORD_CODE_LENGTH) referenceNumber!: string;
  @IsOptional() @Length(...RECORD_CODE_LENGTH) backOfficeCode?: string | null;
  @IsEnum(PaymentState, { message: `lifeCycleState must be one of ${Object.values(PaymentState).join(", ")}` }) lifeCycleState!: PaymentState;
  @IsDate({ message: "issuedOn must be an ISO date and time" }) @IsWithinYears() @Type(() => Date) issuedOn!: Date;
  @IsOptional() @IsDate({ message: "postedOn must be an ISO date and time" }) @IsWithinYears() @Type(() => Date) postedOn?: Date | null;
  /** Decimal text. */
  @Matches(PAYMENT_AMOUNT_FORMAT, { message: "amount must be positive, with at most 15 integer digits and 4 decimals" }) amount!: string;
  @Matches(CURRENCY_CODE_FORMAT, { message: "currencyCode must be three capital letters (ISO 4217)" }) currencyCode!: string;
  @IsEnum(PaymentModel, { message: "paymentModel must be PREPAID or POSTPAID" }) paymentModel!: PaymentModel;
  /** The owning reseller's code. */
  @Length(...RECORD_CODE_LENGTH) resellerCode!: string;
  @IsOptional() @Length(...RECORD_CODE_LENGTH) vendorResellerId?: string | null;
  @IsOptional() @Length(...NAME_LENGTH) gatewayName?: string | null;
  @IsOptional() @Length(...NAME_LENGTH) gatewayReferenceNumber?: string | null;
}

/** Characters class-validator's lengths count otherwise than JavaScript does (surrogates, variation selectors). */
const UNUSUAL_CHARACTERS = /[\uD800-\uDFFF]|\uFE0E|\uFE0F/;
const PAYMENT_STATES: readonly unknown[] = Object.values(PaymentState);
const PAYMENT_MODELS: readonly unknown[] = Object.values(PaymentModel);

const within = ([min, max]: readonly [number, number]) => (value: unknown) =>
  typeof value === "string" && value.length >= min && value.length <= max && !UNUSUAL_CHARACTERS.test(value);
const optional = (rule: (value: unknown) => boolean) => (value: unknown) => value === null || value === undefined || rule(value);
const code = within(RECORD_CODE_LENGTH);
const name = within(NAME_LENGTH);
const matching = (format: RegExp) => (value: unknown) => typeof value === "string" && format.test(value);
const among = (values: readonly unknown[]) => (value: unknown) => values.includes(value);

/** The rules above as plain tests, for values as a file or a client gives them (text, or a Date for a time). */
const PLAIN_RULES: Record<string, (value: unknown) => boolean> = {
  vendor: within([1, 31]),
  vendorPaymentId: code,
  number: code,
  referenceNumber: code,
  backOfficeCode: optional(code),
  lifeCycleState: among(PAYMENT_STATES),
  issuedOn: () => true,
  postedOn: () => true,
  amount: matching(PAYMENT_AMOUNT_FORMAT),
  currencyCode: matching(CURRENCY_CODE_FORMAT),
  paymentModel: among(PAYMENT_MODELS),
  resellerCode: code,
  vendorResellerId: optional(code),
  gatewayName: optional(name),
  gatewayReferenceNumber: optional(name),
};
const REQUIRED = ["vendor", "vendorPaymentId", "number", "referenceNumber", "lifeCycleState", "issuedOn", "amount", "currencyCode", "paymentModel", "resellerCode"];

/** A time as class-transformer reads it for `@Type(() => Date)`, when it is within the years; otherwise undefined. */
function plainTime(value: unknown): Date | null | undefined {
  const time = typeof value === "string" ? new Date(value) : value instanceof Date ? new Date(value.valueOf()) : undefined;
  if (!time || Number.isNaN(time.getTime())) return undefined;
  const year = time.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? time : undefined;
}

/**
 * The command of a record that plainly passes every rule of RecordPaymentCommand, read as
 * `plainToInstance` reads it; null when that is not plain (a rule fails, a value is of another
 * type, a field is unknown), and the record is then read and checked by class-validator, which
 * names the faults. It never accepts a record class-validator refuses
 * (test/operations/record-payment-command.test.ts).
 */
export function plainRecordPaymentCommand(given: object): RecordPaymentCommand | null {
  if (given instanceof RecordPaymentCommand) return null;
  const record = given as Record<string, unknown>;
  const command = new RecordPaymentCommand() as unknown as Record<string, unknown>;
  for (const field of Object.keys(record)) {
    const rule = Object.hasOwn(PLAIN_RULES, field) ? PLAIN_RULES[field] : undefined;
    const value = record[field];
    if (!rule || !rule(value)) return null;
    if (field === "issuedOn" || (field === "postedOn" && value !== null && value !== undefined)) {
      const time = plainTime(value);
      if (!time) return null;
      command[field] = time;
    } else command[field] = value;
  }
  for (const field of REQUIRED) if (record[field] === undefined) return null;
  return command as unknown as RecordPaymentCommand;
}
