import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { PaymentState } from "./enums";
import { PaymentOperation } from "./payment-operation";

export enum OperationStatus {
  IN_PROGRESS = "IN_PROGRESS",
  SUCCEEDED = "SUCCEEDED",
  REFUSED = "REFUSED",
  /** No retry can settle it (the vendor acted but our record cannot be written, or a repeat's answer cannot be told from a refusal): an operator resolves it. */
  NEEDS_ATTENTION = "NEEDS_ATTENTION",
}
/** The statuses of an operation still open: it is being worked on, or an operator must settle it. */
export type OpenStatus = OperationStatus.IN_PROGRESS | OperationStatus.NEEDS_ATTENTION;
/** The statuses an operation ends with. */
export type FinalStatus = OperationStatus.SUCCEEDED | OperationStatus.REFUSED;
registerEnumType(OperationStatus, {
  name: "OperationStatus",
  description: "IN_PROGRESS until the vendor's outcome is applied; SUCCEEDED or REFUSED; NEEDS_ATTENTION when an operator must settle it",
});

/** A state a vendor reported (recordPayments, the import) while the operation was open: evidence for the operator. */
@ObjectType({ simpleResolvers: true, description: "A state the vendor reported while the operation was open: evidence for the operator, not a settlement" })
export class ReportedState {
  @Field(() => PaymentState)
  state!: PaymentState;

  @Field(() => Date)
  reportedAt!: string;

  @Field({ description: "Who reported it: the prefix of the integration's token" })
  reportedBy!: string;
}

/**
 * One attempt to void, cancel or reject a payment: recorded IN_PROGRESS before the vendor is
 * called, completed with its result afterwards (or by the recovery worker). The result is what a
 * retry with the same idempotency key gets back.
 */
@ObjectType("PaymentOperationRecord", { simpleResolvers: true, description: "One void, cancel or reject of a payment, as recorded: its status, attempts and what went wrong" })
@Entity({ name: "payment_operation" })
export class PaymentOperationRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "payment_id", type: "uuid" })
  paymentId!: string;

  @Field(() => PaymentOperation)
  @Column({ type: "enum", enum: PaymentOperation, enumName: "payment_operation_kind" })
  operation!: PaymentOperation;

  @Field(() => OperationStatus)
  @Column({ type: "enum", enum: OperationStatus, enumName: "payment_operation_status" })
  status!: OperationStatus;

  @Column({ name: "idempotency_scope", type: "varchar", length: 100 })
  idempotencyScope!: string;

  @Column({ name: "idempotency_key", type: "varchar", length: 200, nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: "request_fingerprint", type: "char", length: 64 })
  requestFingerprint!: string;

  /** Exactly what is sent to the vendor, so that a retry sends the same. */
  @Column({ name: "vendor_request", type: "jsonb" })
  vendorRequest!: unknown;

  /** What applying a success needs (resolved lookups, cancellation fields). */
  @Column({ type: "jsonb" })
  prepared!: unknown;

  @Column({ name: "reserved_back_office_code", type: "varchar", length: 64, nullable: true })
  reservedBackOfficeCode!: string | null;

  @Column({ type: "jsonb", nullable: true })
  result!: unknown;

  /** Shown through the tenancy resolver: only to callers that reach the acting token's reseller. */
  @Column({ type: "varchar", length: 100 })
  actor!: string;

  @Column({ name: "actor_reseller_id", type: "uuid", nullable: true })
  actorResellerId!: string | null;

  @Field(() => Int, { description: "Vendor attempts so far" })
  @Column({ type: "int" })
  attempts!: number;

  /**
   * Until when the operation belongs to whoever is forwarding it (the request that started it,
   * then a recovery worker); afterwards the recovery worker may take it over.
   */
  @Column({ name: "lease_until", type: "timestamptz", precision: 3, nullable: true })
  leaseUntil!: Date | null;

  /** When recovery may forward it again (backoff after an unknown outcome), by the database clock. */
  @Field(() => Date, { nullable: true, description: "When recovery forwards it again (IN_PROGRESS after an unknown outcome)" })
  @Column({ name: "next_attempt_at", type: "timestamptz", precision: 3, nullable: true })
  nextAttemptAt!: Date | null;

  /** The vendor's definite answer, kept as soon as it arrives, so that completing it never needs to ask again. */
  @Column({ name: "vendor_outcome", type: "jsonb", nullable: true })
  vendorOutcome!: unknown;

  /** Why the last attempt did not complete it; for NEEDS_ATTENTION, what the operator must settle. */
  @Field(() => String, { nullable: true, description: "Why the last attempt did not complete it; for NEEDS_ATTENTION, what an operator must settle" })
  @Column({ name: "last_error", type: "text", nullable: true })
  lastError!: string | null;

  @Field(() => Date)
  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz", precision: 3 })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: "completed_at", type: "timestamptz", precision: 3, nullable: true })
  completedAt!: Date | null;

  /** The latest state a vendor reported while the operation was open, when it is the one the operation would produce. */
  @Field(() => ReportedState, {
    nullable: true,
    description: "The state the vendor reported while the operation was open, when it is the one the operation would produce: evidence for whoever settles it",
  })
  @Column({ name: "reported_state", type: "jsonb", nullable: true })
  reportedState!: ReportedState | null;
}
