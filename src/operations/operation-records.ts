import type { EntityManager } from "typeorm";
import { findEntities } from "../database/find-entities";
import { queryPrepared } from "../database/prepared-statements";
import { OperationStatus, PaymentOperationRecord } from "../domain/payment-operation-record.entity";
import { Payment } from "../domain/payment.entity";
import type { PaymentEvent } from "../domain/payment-event.entity";
import type { VendorSuccess } from "../vendors/vendor-service";
import type { OperationDefinition, StoredSuccess } from "./operation-definition";
import { OperationNeedsAttentionError } from "./operation-errors";
import { LIFE_CYCLE } from "../domain/payment-operation";

/** The operations holding these payments (IN_PROGRESS or NEEDS_ATTENTION: at most one each, by a unique index). */
export function openOperationsOf(manager: EntityManager, paymentIds: readonly string[], options: { lock?: boolean } = {}): Promise<PaymentOperationRecord[]> {
  return findEntities(manager, PaymentOperationRecord, { paymentId: paymentIds, status: [OperationStatus.IN_PROGRESS, OperationStatus.NEEDS_ATTENTION] }, options);
}

/** Who an event names when it is not the operation's requester (an operator resolving it). */
export interface EventActor {
  name: string;
  resellerId: string | null;
}

export type EventFields = Partial<Pick<PaymentEvent, "fromState" | "toState" | "vendorOutcome" | "detail">>;

export async function recordEvent(
  manager: EntityManager,
  payment: Payment,
  record: PaymentOperationRecord,
  type: string,
  fields: EventFields,
  actor: EventActor = { name: record.actor, resellerId: record.actorResellerId },
): Promise<void> {
  await queryPrepared(
    manager,
    `INSERT INTO payment_event (payment_id, operation_id, type, actor, actor_reseller_id, from_state, to_state, vendor_outcome, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      payment.id,
      record.id,
      type,
      actor.name,
      actor.resellerId,
      fields.fromState ?? payment.lifeCycleState,
      fields.toState ?? null,
      fields.vendorOutcome ?? null,
      fields.detail?.slice(0, 1000) ?? null,
    ],
  );
}

/** Stores the final status and the result replayed for the idempotency key. */
export async function finishOperation(
  manager: EntityManager,
  record: PaymentOperationRecord,
  status: OperationStatus,
  result: object,
  attempted = true,
): Promise<void> {
  await queryPrepared(
    manager,
    `UPDATE payment_operation
        SET status = $2, result = $3, attempts = $4, completed_at = now(), last_error = NULL, lease_until = NULL, next_attempt_at = NULL, updated_at = now()
      WHERE id = $1`,
    [record.id, status, JSON.stringify(result), record.attempts + (attempted ? 1 : 0)],
  );
}

/** The operation can only be settled by an operator: surfaced with the reason, never retried. */
export async function markNeedsAttention(
  manager: EntityManager,
  record: PaymentOperationRecord,
  payment: Payment,
  reason: string,
  attempted = true,
): Promise<OperationNeedsAttentionError> {
  await manager.getRepository(PaymentOperationRecord).update(
    { id: record.id },
    {
      status: OperationStatus.NEEDS_ATTENTION,
      attempts: record.attempts + (attempted ? 1 : 0),
      lastError: reason.slice(0, 1000),
      leaseUntil: null,
      nextAttemptAt: null,
    },
  );
  await recordEvent(manager, payment, record, "OPERATION_NEEDS_ATTENTION", { detail: reason });
  return OperationNeedsAttentionError.of(record.id, record.operation);
}

export interface SuccessToApply {
  details: VendorSuccess;
  detail: string;
  vendorOutcome: string;
  /** The operator who settled it, when it was not the vendor's answer. */
  actor?: EventActor;
}

/** Applies a success: the operation's own records, the state change, the stored result and its events. */
export async function applySucceeded<P>(
  manager: EntityManager,
  definition: OperationDefinition<never, P>,
  record: PaymentOperationRecord,
  payment: Payment,
  success: SuccessToApply,
): Promise<object> {
  const { details } = success;
  const fromState = payment.lifeCycleState;
  const toState = LIFE_CYCLE[definition.operation].to;
  const applied = await definition.applySuccess(manager, payment, record.prepared as P, details, record.id);
  await manager.getRepository(Payment).update(
    { id: payment.id },
    {
      lifeCycleState: toState,
      closedAt: details.closedAt ?? (() => "now()"),
      ...(details.gatewayName ? { gatewayName: details.gatewayName } : {}),
      ...(details.gatewayReferenceNumber ? { gatewayReferenceNumber: details.gatewayReferenceNumber } : {}),
      ...definition.paymentChanges?.(record.prepared as P),
      version: payment.version + 1,
    },
  );
  const { events, ...extra } = applied;
  const stored: StoredSuccess = { __typename: definition.successTypename, paymentId: payment.id, ...extra };
  await finishOperation(manager, record, OperationStatus.SUCCEEDED, stored, !success.actor);
  await recordEvent(manager, payment, record, "STATE_CHANGED", { fromState, toState, vendorOutcome: success.vendorOutcome, detail: success.detail }, success.actor);
  for (const event of events ?? []) await recordEvent(manager, payment, record, event.type, { detail: event.detail, fromState: toState }, success.actor);
  return definition.loadSuccess(manager, stored);
}
