import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { PaymentState } from "./enums";

/** Append-only history of every operation attempt and state change of a payment, in the order it was written. */
@ObjectType({ simpleResolvers: true, description: "One entry of a payment's history: an operation attempt, its outcome or a state change" })
@Entity({ name: "payment_event" })
@Index(["paymentId", "sequence"], { unique: true })
export class PaymentEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "payment_id", type: "uuid" })
  paymentId!: string;

  /**
   * The order events were written in: an identity column that PostgreSQL fills as each event is
   * inserted (events of one transaction share `occurredAt`). Numbers of other payments' events
   * fall in between.
   */
  @Column({ type: "bigint", insert: false, update: false })
  sequence!: string;

  @Field(() => String, { nullable: true, description: "The operation this event belongs to" })
  @Column({ name: "operation_id", type: "uuid", nullable: true })
  operationId!: string | null;

  @Field({ description: "What happened, e.g. OPERATION_STARTED, STATE_CHANGED, OPERATION_REFUSED" })
  @Column({ type: "varchar", length: 40 })
  type!: string;

  @Field({ description: 'Who acted: the prefix of the acting token, or "an upstream reseller" when it belongs to a reseller above the caller\'s reach' })
  @Column({ type: "varchar", length: 100 })
  actor!: string;

  @Field(() => ID, { nullable: true, description: "The reseller of the acting token; null when it is above the caller's reach" })
  @Column({ name: "actor_reseller_id", type: "uuid", nullable: true })
  actorResellerId!: string | null;

  @Field(() => PaymentState, { nullable: true })
  @Column({ name: "from_state", type: "enum", enum: PaymentState, enumName: "payment_state", nullable: true })
  fromState!: PaymentState | null;

  @Field(() => PaymentState, { nullable: true })
  @Column({ name: "to_state", type: "enum", enum: PaymentState, enumName: "payment_state", nullable: true })
  toState!: PaymentState | null;

  @Field(() => String, { nullable: true, description: "The vendor's outcome: SUCCEEDED, REFUSED or UNKNOWN" })
  @Column({ name: "vendor_outcome", type: "varchar", length: 20, nullable: true })
  vendorOutcome!: string | null;

  @Field(() => String, { nullable: true, description: "A short human-readable detail" })
  @Column({ type: "text", nullable: true })
  detail!: string | null;

  @Field(() => Date, { description: "When the transaction that wrote it ran: the events of one transaction share it (their order is the list's)" })
  @CreateDateColumn({ name: "occurred_at", type: "timestamptz", precision: 3 })
  occurredAt!: Date;
}
