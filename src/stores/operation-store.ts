import { entityRows } from "../database/entity-rows";
import { entityById, findEntities, findEntity } from "../database/find-entities";
import { queryPrepared, queryPreparedValues } from "../database/prepared-statements";
import type { PaymentOperation } from "../domain/payment-operation";
import { OperationStatus, PaymentOperationRecord, type FinalStatus, type OpenStatus } from "../domain/payment-operation-record.entity";
import type { PaymentReach } from "../domain/reach";
import type { EntityManager } from "typeorm";
import { Store } from "./store";

/** An operation as phase 1 records it, IN_PROGRESS. */
export interface StartedOperation {
  id: string;
  paymentId: string;
  operation: PaymentOperation;
  idempotencyScope: string;
  idempotencyKey: string | null;
  requestFingerprint: string;
  prepared: object;
  reservedBackOfficeCode: string | null;
  actor: string;
  actorResellerId: string | null;
  vendorRequest: object;
}

const OPEN = [OperationStatus.IN_PROGRESS, OperationStatus.NEEDS_ATTENTION];

/**
 * The `payment_operation` table: an operation's life from IN_PROGRESS to its final status, its
 * lease, backoff, kept vendor answer and the result replayed for its idempotency key. Leases and
 * backoffs are measured by the database clock, as every lease comparison is.
 */
export class OperationStore extends Store {
  /**
   * @param finished told of each final status this store writes (its connection's transaction
   *   reports them once it commits: src/stores/stores.ts)
   */
  constructor(
    sql: EntityManager,
    private readonly finished: (status: FinalStatus) => void = () => {},
  ) {
    super(sql);
  }

  /** The operation a caller started with this idempotency key, if any. */
  byIdempotencyKey(scope: string, key: string): Promise<PaymentOperationRecord | null> {
    return findEntity(this.sql, PaymentOperationRecord, { idempotencyScope: scope, idempotencyKey: key });
  }

  /** The operation with this id (the caller knows it exists); `lock` holds it until the transaction ends. */
  byId(id: string, options: { lock?: boolean } = {}): Promise<PaymentOperationRecord> {
    return entityById(this.sql, PaymentOperationRecord, id, options);
  }

  /** The operations with these ids (those that exist). */
  byIds(ids: readonly string[]): Promise<PaymentOperationRecord[]> {
    return findEntities(this.sql, PaymentOperationRecord, { id: ids });
  }

  /** The operation with this id, locked until the transaction ends, if there is one. */
  lockIfExists(id: string): Promise<PaymentOperationRecord | null> {
    return findEntity(this.sql, PaymentOperationRecord, { id }, { lock: true });
  }

  /** The operations holding these payments (IN_PROGRESS or NEEDS_ATTENTION: at most one each, by a unique index). */
  openOf(paymentIds: readonly string[]): Promise<PaymentOperationRecord[]> {
    return findEntities(this.sql, PaymentOperationRecord, { paymentId: paymentIds, status: OPEN });
  }

  /** Every operation of these payments, oldest first. */
  async ofPayments(paymentIds: readonly string[]): Promise<PaymentOperationRecord[]> {
    const rows = entityRows(this.sql.connection, PaymentOperationRecord, "o");
    const found = await queryPreparedValues(
      this.sql,
      `SELECT ${rows.selectList} FROM payment_operation o WHERE o.payment_id = ANY($1::uuid[]) ORDER BY o.created_at, o.id`,
      [paymentIds],
    );
    return found.map((values) => rows.hydrate(values)!);
  }

  /** Records an operation IN_PROGRESS, owned by its requester for `leaseMs`, with the vendor request it will send. */
  async insertStarted(started: StartedOperation, leaseMs: number): Promise<void> {
    await queryPrepared(
      this.sql,
      `INSERT INTO payment_operation (id, payment_id, operation, status, idempotency_scope, idempotency_key, request_fingerprint,
                                      prepared, reserved_back_office_code, actor, actor_reseller_id, attempts, vendor_request, lease_until)
       VALUES ($1, $2, $3, 'IN_PROGRESS', $4, $5, $6, $7, $8, $9, $10, 0, $11, now() + $12 * interval '1 millisecond')`,
      [
        started.id, started.paymentId, started.operation, started.idempotencyScope, started.idempotencyKey, started.requestFingerprint,
        JSON.stringify(started.prepared), started.reservedBackOfficeCode, started.actor, started.actorResellerId,
        JSON.stringify(started.vendorRequest), Math.trunc(leaseMs),
      ],
    );
  }

  /** Keeps the vendor's definite answer on an operation still in progress, so completing it never asks again. */
  async keepOutcome(id: string, outcome: object): Promise<void> {
    await queryPrepared(this.sql, `UPDATE payment_operation SET vendor_outcome = $2 WHERE id = $1 AND status = 'IN_PROGRESS'`, [id, JSON.stringify(outcome)]);
  }

  /** The vendor's outcome is unknown: left in progress for recovery, after a backoff. */
  async markUnknown(id: string, attempts: number, cause: string, backoffMs: number): Promise<void> {
    await queryPrepared(
      this.sql,
      `UPDATE payment_operation SET attempts = $2, last_error = $3, lease_until = NULL,
              next_attempt_at = now() + $4 * interval '1 millisecond', updated_at = now() WHERE id = $1`,
      [id, attempts, cause.slice(0, 500), Math.trunc(backoffMs)],
    );
  }

  /** The final status, and the result replayed for the idempotency key. */
  async finish(id: string, status: FinalStatus, result: object, attempts: number): Promise<void> {
    await queryPrepared(
      this.sql,
      `UPDATE payment_operation
          SET status = $2, result = $3, attempts = $4, completed_at = now(), last_error = NULL, lease_until = NULL, next_attempt_at = NULL, updated_at = now()
        WHERE id = $1`,
      [id, status, JSON.stringify(result), attempts],
    );
    this.finished(status);
  }

  /** Only an operator can settle it: NEEDS_ATTENTION with the reason, never retried. */
  async holdForAttention(id: string, attempts: number, reason: string): Promise<void> {
    await queryPrepared(
      this.sql,
      `UPDATE payment_operation
          SET status = 'NEEDS_ATTENTION', attempts = $2, last_error = $3, lease_until = NULL, next_attempt_at = NULL, updated_at = now()
        WHERE id = $1`,
      [id, attempts, reason.slice(0, 1000)],
    );
  }

  /** Keeps a state the vendor reported while the operation is open, as evidence for whoever settles it. */
  async keepReportedState(id: string, report: { state: string; reportedAt: string; reportedBy: string }): Promise<void> {
    await queryPrepared(this.sql, `UPDATE payment_operation SET reported_state = $2, updated_at = now() WHERE id = $1`, [id, JSON.stringify(report)]);
  }

  /**
   * Takes one operation due for a repeat, not among those already taken, with a fresh lease:
   * one UPDATE … FOR UPDATE SKIP LOCKED, so instances running at once never take the same one.
   */
  async takeForRecovery(leaseMs: number, takenThisRound: readonly string[]): Promise<string | null> {
    const [row] = await queryPrepared<{ id: string }>(
      this.sql,
      `UPDATE payment_operation SET lease_until = now() + $1 * interval '1 millisecond', updated_at = now()
        WHERE id = (SELECT id FROM payment_operation
                     WHERE status = 'IN_PROGRESS' AND (lease_until IS NULL OR lease_until < now())
                       AND (next_attempt_at IS NULL OR next_attempt_at <= now()) AND id <> ALL($2::uuid[])
                     ORDER BY coalesce(next_attempt_at, lease_until) NULLS FIRST LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [Math.trunc(leaseMs), takenThisRound],
    );
    return row?.id ?? null;
  }

  /** Operations needing attention within reach, oldest first. */
  async needingAttention(first: number, reach: PaymentReach): Promise<PaymentOperationRecord[]> {
    const rows = entityRows(this.sql.connection, PaymentOperationRecord, "o");
    const all = reach.resellerIds === "all";
    const found = await queryPreparedValues(
      this.sql,
      `SELECT ${rows.selectList} FROM payment_operation o JOIN payment p ON p.id = o.payment_id
        WHERE o.status = 'NEEDS_ATTENTION' AND ($2::boolean OR p.reseller_id = ANY($3::uuid[]))
        ORDER BY o.created_at, o.id LIMIT $1`,
      [first, all, all ? [] : reach.resellerIds],
    );
    return found.map((values) => rows.hydrate(values)!);
  }

  /**
   * How many operations are open, by status: each counted through its own partial index
   * (migrations 1764100000000 and 1764700000000), so that the count grows with the open
   * operations, never with the ledger of finished ones.
   */
  async countOpen(): Promise<Record<OpenStatus, number>> {
    const [row] = await queryPrepared<{ inProgress: string; needingAttention: string }>(
      this.sql,
      `SELECT (SELECT count(*) FROM payment_operation WHERE status = 'IN_PROGRESS')::text AS "inProgress",
              (SELECT count(*) FROM payment_operation WHERE status = 'NEEDS_ATTENTION')::text AS "needingAttention"`,
      [],
    );
    return { [OperationStatus.IN_PROGRESS]: Number(row.inProgress), [OperationStatus.NEEDS_ATTENTION]: Number(row.needingAttention) };
  }
}
