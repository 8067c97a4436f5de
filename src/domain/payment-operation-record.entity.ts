import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { PaymentOperation } from "../operations/payment-operation";

export enum OperationStatus {
  IN_PROGRESS = "IN_PROGRESS",
  SUCCEEDED = "SUCCEEDED",
  REFUSED = "REFUSED",
}

/**
 * One attempt to void, cancel or reject a payment: recorded IN_PROGRESS before the vendor is
 * called, completed with its result afterwards (or by the recovery worker). The result is what a
 * retry with the same idempotency key gets back.
 */
@Entity({ name: "payment_operation" })
export class PaymentOperationRecord {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "payment_id", type: "uuid" })
  paymentId!: string;

  @Column({ type: "enum", enum: PaymentOperation, enumName: "payment_operation_kind" })
  operation!: PaymentOperation;

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

  @Column({ type: "varchar", length: 100 })
  actor!: string;

  @Column({ name: "actor_reseller_id", type: "uuid", nullable: true })
  actorResellerId!: string | null;

  @Column({ type: "int" })
  attempts!: number;

  /**
   * Until when the operation belongs to whoever is forwarding it (the request that started it,
   * then a recovery worker); afterwards the recovery worker may take it over.
   */
  @Column({ name: "lease_until", type: "timestamptz", precision: 3, nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: "last_error", type: "text", nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz", precision: 3 })
  updatedAt!: Date;

  @Column({ name: "completed_at", type: "timestamptz", precision: 3, nullable: true })
  completedAt!: Date | null;
}
