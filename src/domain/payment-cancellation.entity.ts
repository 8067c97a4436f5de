import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Decimal } from "./scalars/decimal.scalar";
import { LocalDate } from "./scalars/date.scalar";
import { PaymentCancellationState, type VendorCode } from "./enums";

/** A vendor's currency rate period as it answered (decimal texts, dates YYYY-MM-DD). */
@ObjectType({ simpleResolvers: true, description: "A currency rate period as the vendor answered it" })
export class VendorRatePeriod {
  @Field(() => String, { nullable: true, description: "The vendor's id of the period" }) id!: string | null;
  @Field(() => Decimal, { nullable: true }) rate!: string | null;
  @Field(() => Decimal, { nullable: true }) inverseRate!: string | null;
  @Field(() => String, { nullable: true }) fromDate!: string | null;
  @Field(() => String, { nullable: true }) toDate!: string | null;
  @Field(() => String, { nullable: true }) currencyCode!: string | null;
}

export const UDF_STRING_FIELDS = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `udfString${i}` as const);
export const UDF_FLOAT_FIELDS = [1, 2, 3, 4].map((i) => `udfFloat${i}` as const);
export const UDF_DATE_FIELDS = [1, 2, 3, 4].map((i) => `udfDate${i}` as const);

/** The POSTED ledger record that cancelling a payment creates; one per payment. */
@ObjectType({ simpleResolvers: true, description: "The ledger record created when a payment is cancelled" })
@Entity({ name: "payment_cancellation" })
export class PaymentCancellation {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "payment_id", type: "uuid", unique: true })
  paymentId!: string;

  @Column({ name: "vendor_code", type: "text" })
  vendorCode!: VendorCode;

  /** The operation that created it (PENDING until that operation completes). */
  @Column({ name: "operation_id", type: "uuid", nullable: true })
  operationId!: string | null;

  @Field(() => String, { nullable: true, description: "The cancellation's number (the vendor's, where the vendor issues it); null when vendorRecordKnown is false" })
  @Column({ type: "varchar", length: 64, nullable: true })
  number!: string | null;

  @Field(() => String, { nullable: true, description: "The cancellation's reference number; null when vendorRecordKnown is false" })
  @Column({ name: "reference_number", type: "varchar", length: 64, nullable: true })
  referenceNumber!: string | null;

  @Field({
    description:
      "False when the vendor issued its own cancellation record but its answer was lost (the repeat was told 'already done'): number, reference, vendorId and postedOn are then unknown, not invented",
  })
  @Column({ name: "vendor_record_known", type: "boolean", default: true })
  vendorRecordKnown!: boolean;

  @Field(() => String, { nullable: true, description: "The vendor's own id of the cancellation (CRM.COM)" })
  @Column({ name: "vendor_id", type: "varchar", length: 64, nullable: true })
  vendorId!: string | null;

  @Field(() => Decimal, { nullable: true, description: "The amount the vendor cancelled, as it answered; a difference from amount is recorded as an event" })
  @Column({ name: "vendor_amount", type: "numeric", precision: 19, scale: 4, nullable: true })
  vendorAmount!: string | null;

  @Field(() => VendorRatePeriod, {
    nullable: true,
    description: "The rate period the vendor answered with; currencyRatePeriod is ours when it matches (currency, dates, rate), else null",
  })
  @Column({ name: "vendor_currency_rate_period", type: "jsonb", nullable: true })
  vendorCurrencyRatePeriod!: VendorRatePeriod | null;

  @Field(() => PaymentCancellationState)
  @Column({
    name: "life_cycle_state",
    type: "enum",
    enum: PaymentCancellationState,
    enumName: "payment_cancellation_state",
  })
  lifeCycleState!: PaymentCancellationState;

  @Field(() => Date)
  @Column({ name: "issued_on", type: "timestamptz", precision: 3 })
  issuedOn!: Date;

  @Field(() => Date, { nullable: true, description: "When it was posted; null when vendorRecordKnown is false" })
  @Column({ name: "posted_on", type: "timestamptz", precision: 3, nullable: true })
  postedOn!: Date | null;

  @Field(() => Decimal)
  @Column({ type: "numeric", precision: 19, scale: 4 })
  amount!: string;

  @Column({ name: "financial_transaction_type_id", type: "uuid" })
  financialTransactionTypeId!: string;

  @Column({ name: "financial_transaction_category_id", type: "uuid", nullable: true })
  financialTransactionCategoryId!: string | null;

  @Column({ name: "currency_rate_period_id", type: "uuid", nullable: true })
  currencyRatePeriodId!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  notes!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "back_office_code", type: "varchar", length: 64, nullable: true, unique: true })
  backOfficeCode!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "issue_reason", type: "text", nullable: true })
  issueReason!: string | null;

  @Field(() => String, { nullable: true }) @Column({ name: "udf_string_1", type: "varchar", length: 255, nullable: true }) udfString1!: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: "udf_string_2", type: "varchar", length: 255, nullable: true }) udfString2!: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: "udf_string_3", type: "varchar", length: 255, nullable: true }) udfString3!: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: "udf_string_4", type: "varchar", length: 255, nullable: true }) udfString4!: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: "udf_string_5", type: "varchar", length: 255, nullable: true }) udfString5!: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: "udf_string_6", type: "varchar", length: 255, nullable: true }) udfString6!: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: "udf_string_7", type: "varchar", length: 255, nullable: true }) udfString7!: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: "udf_string_8", type: "varchar", length: 255, nullable: true }) udfString8!: string | null;
  @Field(() => Decimal, { nullable: true }) @Column({ name: "udf_float_1", type: "numeric", precision: 30, scale: 10, nullable: true }) udfFloat1!: string | null;
  @Field(() => Decimal, { nullable: true }) @Column({ name: "udf_float_2", type: "numeric", precision: 30, scale: 10, nullable: true }) udfFloat2!: string | null;
  @Field(() => Decimal, { nullable: true }) @Column({ name: "udf_float_3", type: "numeric", precision: 30, scale: 10, nullable: true }) udfFloat3!: string | null;
  @Field(() => Decimal, { nullable: true }) @Column({ name: "udf_float_4", type: "numeric", precision: 30, scale: 10, nullable: true }) udfFloat4!: string | null;
  @Field(() => LocalDate, { nullable: true }) @Column({ name: "udf_date_1", type: "date", nullable: true }) udfDate1!: string | null;
  @Field(() => LocalDate, { nullable: true }) @Column({ name: "udf_date_2", type: "date", nullable: true }) udfDate2!: string | null;
  @Field(() => LocalDate, { nullable: true }) @Column({ name: "udf_date_3", type: "date", nullable: true }) udfDate3!: string | null;
  @Field(() => LocalDate, { nullable: true }) @Column({ name: "udf_date_4", type: "date", nullable: true }) udfDate4!: string | null;

  @Field(() => String, { nullable: true, description: "The payment gateway that processed the cancellation" })
  @Column({ name: "gateway_name", type: "varchar", length: 100, nullable: true })
  gatewayName!: string | null;

  @Field(() => String, { nullable: true, description: "The cancellation's reference on the payment gateway" })
  @Column({ name: "gateway_reference_number", type: "varchar", length: 100, nullable: true })
  gatewayReferenceNumber!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
