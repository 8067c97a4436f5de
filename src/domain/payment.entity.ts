import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from "typeorm";
import { Decimal } from "./scalars/decimal.scalar";
import { PaymentModel, PaymentState, VendorCode } from "./enums";

@ObjectType({ simpleResolvers: true, description: "A payment held by one of the payment vendors" })
@Entity({ name: "payment" })
export class Payment {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Field({ description: "Payment number, unique" })
  @Column({ type: "varchar", length: 64, unique: true })
  number!: string;

  @Field({ description: "Reference number, unique" })
  @Column({ name: "reference_number", type: "varchar", length: 64, unique: true })
  referenceNumber!: string;

  @Field(() => String, { nullable: true, description: "Back office code, unique when set" })
  @Column({ name: "back_office_code", type: "varchar", length: 64, nullable: true, unique: true })
  backOfficeCode!: string | null;

  @Field(() => PaymentState)
  @Column({ name: "life_cycle_state", type: "enum", enum: PaymentState, enumName: "payment_state" })
  lifeCycleState!: PaymentState;

  @Field(() => Date)
  @Column({ name: "issued_on", type: "timestamptz", precision: 3 })
  issuedOn!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: "posted_on", type: "timestamptz", precision: 3, nullable: true })
  postedOn!: Date | null;

  @Field(() => Decimal, { description: "Total amount of the payment, in its currency" })
  @Column({ type: "numeric", precision: 19, scale: 4 })
  amount!: string;

  @Column({ name: "currency_id", type: "uuid" })
  currencyId!: string;

  @Column({ name: "currency_rate_period_id", type: "uuid", nullable: true })
  currencyRatePeriodId!: string | null;

  @Field(() => PaymentModel)
  @Column({ name: "payment_model", type: "enum", enum: PaymentModel, enumName: "payment_model" })
  paymentModel!: PaymentModel;

  @Column({ name: "reseller_id", type: "uuid" })
  resellerId!: string;

  /** Shown in GraphQL as VendorCode (graphql/resolvers/payment.resolver.ts). */
  @Column({ name: "vendor_code", type: "text" })
  vendorCode!: VendorCode;

  @Field({ description: "The vendor's own id of the payment" })
  @Column({ name: "vendor_payment_id", type: "varchar", length: 64 })
  vendorPaymentId!: string;

  @Column({ name: "vendor_reseller_id", type: "varchar", length: 64, nullable: true })
  vendorResellerId!: string | null;

  @Field(() => String, { nullable: true, description: "The payment gateway that processed the payment" })
  @Column({ name: "gateway_name", type: "varchar", length: 100, nullable: true })
  gatewayName!: string | null;

  @Field(() => String, { nullable: true, description: "The payment's reference on the payment gateway" })
  @Column({ name: "gateway_reference_number", type: "varchar", length: 100, nullable: true })
  gatewayReferenceNumber!: string | null;

  @Column({ name: "rejection_reason_id", type: "uuid", nullable: true })
  rejectionReasonId!: string | null;

  @Field(() => Date, { nullable: true, description: "When the payment reached a final state" })
  @Column({ name: "closed_at", type: "timestamptz", precision: 3, nullable: true })
  closedAt!: Date | null;

  @Field(() => Date)
  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @Field(() => Date)
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz", precision: 3 })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
