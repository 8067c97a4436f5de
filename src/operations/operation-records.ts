import { OperationStatus, type FinalStatus, type PaymentOperationRecord } from "../domain/payment-operation-record.entity";
import type { Payment } from "../domain/payment.entity";
import type { PaymentEvent } from "../domain/payment-event.entity";
import { LIFE_CYCLE } from "../domain/payment-operation";
import type { Stores } from "../stores/stores";
import type { VendorRules, VendorSuccess } from "../vendors/vendor-service";
import type { AnyOperationDefinition, StoredSuccess } from "./operation-definition";
import { OperationNeedsAttentionError } from "./operation-errors";

/** Who an event names when it is not the operation's requester (an operator resolving it). */
export interface EventActor {
  name: string;
  resellerId: string | null;
}

export type EventFields = Partial<Pick<PaymentEvent, "fromState" | "toState" | "vendorOutcome" | "detail">>;

/** One entry of the payment's history about the operation, by its requester unless told. */
export function recordEvent(
  stores: Stores,
  payment: Payment,
  record: PaymentOperationRecord,
  type: string,
  fields: EventFields,
  actor: EventActor = { name: record.actor, resellerId: record.actorResellerId },
): Promise<void> {
  return stores.events.append({
    paymentId: payment.id,
    operationId: record.id,
    type,
    actor: actor.name,
    actorResellerId: actor.resellerId,
    fromState: fields.fromState ?? payment.lifeCycleState,
    toState: fields.toState ?? null,
    vendorOutcome: fields.vendorOutcome ?? null,
    detail: fields.detail ?? null,
  });
}

/** Stores the final status and the result replayed for the idempotency key; `attempted` counts this attempt. */
export function finishOperation(stores: Stores, record: PaymentOperationRecord, status: FinalStatus, result: object, attempted = true): Promise<void> {
  return stores.operations.finish(record.id, status, result, record.attempts + (attempted ? 1 : 0));
}

/** The operation can only be settled by an operator: surfaced with the reason, never retried. */
export async function markNeedsAttention(
  stores: Stores,
  record: PaymentOperationRecord,
  payment: Payment,
  reason: string,
  attempted = true,
): Promise<OperationNeedsAttentionError> {
  await stores.operations.holdForAttention(record.id, record.attempts + (attempted ? 1 : 0), reason);
  await recordEvent(stores, payment, record, "OPERATION_NEEDS_ATTENTION", { detail: reason });
  return OperationNeedsAttentionError.of(record.id, record.operation);
}

export interface SuccessToApply {
  details: VendorSuccess;
  detail: string;
  vendorOutcome: string;
  /** The rules of the payment's vendor, as the instance's vendor registry holds them. */
  rules: Readonly<VendorRules>;
  /** The operator who settled it, when it was not the vendor's answer. */
  actor?: EventActor;
}

/** Applies a success: the operation's own records, the state change, the stored result and its events. */
export async function applySucceeded<P>(
  stores: Stores,
  definition: AnyOperationDefinition<P>,
  record: PaymentOperationRecord,
  payment: Payment,
  success: SuccessToApply,
): Promise<object> {
  const { details } = success;
  const fromState = payment.lifeCycleState;
  const toState = LIFE_CYCLE[definition.operation].to;
  const applied = await definition.applySuccess(stores, payment, record.prepared as P, details, record.id, success.rules);
  const changed = await stores.payments.applyStateChange(payment.id, {
    state: toState,
    closedAt: details.closedAt ?? null,
    gatewayName: details.gatewayName,
    gatewayReferenceNumber: details.gatewayReferenceNumber,
    ...definition.paymentChanges?.(record.prepared as P),
  });
  const stored: StoredSuccess = { __typename: definition.successTypename, paymentId: payment.id, ...applied.stored };
  await finishOperation(stores, record, OperationStatus.SUCCEEDED, stored, !success.actor);
  await recordEvent(stores, payment, record, "STATE_CHANGED", { fromState, toState, vendorOutcome: success.vendorOutcome, detail: success.detail }, success.actor);
  for (const event of applied.events ?? []) await recordEvent(stores, payment, record, event.type, { detail: event.detail, fromState: toState }, success.actor);
  return definition.loadSuccess(stores, stored, { ...applied.written, payment: changed });
}
