import { LIFE_CYCLE } from "../domain/payment-operation";
import { OperationStatus, type PaymentOperationRecord } from "../domain/payment-operation-record.entity";
import type { Payment } from "../domain/payment.entity";
import type { Stores } from "../stores/stores";
import { CIRCUIT_OPEN_CAUSE } from "../vendors/resilience";
import type { VendorOutcome } from "../vendors/vendor-service";
import type { VendorRegistry } from "../vendors/vendor-registry";
import type { AnyOperationDefinition, StoredSuccess } from "./operation-definition";
import {
  ERROR_TYPES,
  OperationNeedsAttentionError,
  PaymentStateError,
  PostpaidPaymentError,
  VendorRejectedError,
  VendorUnavailableError,
  type OperationError,
} from "./operation-errors";
import { applySucceeded, finishOperation, markNeedsAttention, recordEvent } from "./operation-records";
import { BLIND_REPEAT, type Settled } from "./vendor-call";

export type StoredResult = StoredSuccess | ({ __typename: keyof typeof ERROR_TYPES } & Record<string, unknown>);

const MAX_BACKOFF_MS = 3_600_000;

/** How unknown outcomes are retried before they need attention. */
export interface RetrySettings {
  /** Vendor attempts before an operation with no usable answer needs attention. */
  maxAttempts: number;
  /** Wait after the first unknown outcome, doubled after each further one, at most an hour. */
  retryBackoffMs: number;
}

/** A stored result rebuilt into the answer it was: the success loaded again, or the error's class. */
export async function readStoredResult(stores: Stores, definition: AnyOperationDefinition, stored: StoredResult): Promise<object> {
  if (stored.__typename === definition.successTypename) return definition.loadSuccess(stores, stored as StoredSuccess);
  const { __typename, ...fields } = stored as { __typename: keyof typeof ERROR_TYPES };
  return Object.assign(new ERROR_TYPES[__typename](), fields);
}

/** The operation, locked, unless it is settled already: then the answer it has. */
async function lockOpen(
  stores: Stores,
  definition: AnyOperationDefinition,
  operationId: string,
): Promise<{ answer: object } | { answer?: never; record: PaymentOperationRecord; payment: Payment }> {
  const record = await stores.operations.byId(operationId, { lock: true });
  if (record.status === OperationStatus.NEEDS_ATTENTION) return { answer: OperationNeedsAttentionError.of(record.id, record.operation) };
  if (record.status !== OperationStatus.IN_PROGRESS) return { answer: await readStoredResult(stores, definition, record.result as StoredResult) };
  return { record, payment: await stores.payments.byId(record.paymentId, { lock: true }) };
}

/** Phase 3: applies the vendor's outcome once; an operation completed meanwhile keeps its result. */
export async function completeOperation<P>(
  stores: Stores,
  definition: AnyOperationDefinition<P>,
  operationId: string,
  outcome: Settled,
  context: { vendors: VendorRegistry; retry: RetrySettings },
): Promise<object> {
  const open = await lockOpen(stores, definition, operationId);
  if (open.answer) return open.answer;
  const { record, payment } = open;

  if (outcome.kind === "attention") return markNeedsAttention(stores, record, payment, outcome.reason);
  if (outcome.kind === "unknown") return leaveForRecovery(stores, definition, record, payment, outcome.cause, context);

  if (outcome.kind === "refused" && outcome.reason !== "ALREADY_DONE") {
    const error = refusalError(payment, definition, outcome, context.vendors);
    await definition.release?.(stores, record.id);
    await finishOperation(stores, record, OperationStatus.REFUSED, { ...error });
    await recordEvent(stores, payment, record, "OPERATION_REFUSED", { vendorOutcome: "REFUSED", detail: `${outcome.vendorCode}: ${outcome.vendorMessage}`.slice(0, 500) });
    return error;
  }

  const alreadyDone = outcome.kind === "refused";
  return applySucceeded(stores, definition, record, payment, {
    details: outcome.details ?? {},
    vendorOutcome: "SUCCEEDED",
    rules: context.vendors.rulesOf(payment.vendorCode),
    detail: alreadyDone ? `${definition.operation} already done at the vendor${outcome.details ? " (as read back)" : ""}` : `${definition.operation} succeeded`,
  });
}

/**
 * An unknown outcome: left in progress for recovery after a backoff measured by the database
 * clock; at a vendor that cannot recognise a repeat, or after the last attempt, for an operator.
 */
async function leaveForRecovery(
  stores: Stores,
  definition: AnyOperationDefinition,
  record: PaymentOperationRecord,
  payment: Payment,
  cause: string,
  context: { vendors: VendorRegistry; retry: RetrySettings },
): Promise<object> {
  // An open circuit sent nothing to the vendor: the operation waits its backoff without spending an attempt.
  const sent = cause !== CIRCUIT_OPEN_CAUSE;
  if (sent && context.vendors.get(payment.vendorCode)?.repeatSafety(definition.operation) === "none") {
    return markNeedsAttention(stores, record, payment, `the vendor's outcome is unknown (${cause.slice(0, 300)}); ${BLIND_REPEAT}`);
  }
  const attempts = sent ? record.attempts + 1 : record.attempts;
  if (attempts >= context.retry.maxAttempts) {
    return markNeedsAttention(stores, record, payment, `no usable answer from the vendor after ${attempts} attempts (last: ${cause.slice(0, 300)})`);
  }
  const backoffMs = Math.min(context.retry.retryBackoffMs * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);
  await stores.operations.markUnknown(record.id, attempts, cause, backoffMs);
  await recordEvent(stores, payment, record, "VENDOR_OUTCOME_UNKNOWN", { vendorOutcome: "UNKNOWN", detail: cause.slice(0, 500) });
  return VendorUnavailableError.of(payment.vendorCode);
}

/** Marks an operation NEEDS_ATTENTION in its own transaction, unless it was completed meanwhile. */
export async function surfaceOperation(stores: Stores, definition: AnyOperationDefinition, operationId: string, reason: string): Promise<object> {
  const open = await lockOpen(stores, definition, operationId);
  if (open.answer) return open.answer;
  return markNeedsAttention(stores, open.record, open.payment, reason);
}

function refusalError(
  payment: Payment,
  definition: AnyOperationDefinition,
  outcome: Extract<VendorOutcome, { kind: "refused" }>,
  vendors: VendorRegistry,
): OperationError {
  switch (outcome.reason) {
    case "WRONG_STATE": {
      const allowed = vendors.get(payment.vendorCode)?.capabilities.get(definition.operation) ?? [];
      return PaymentStateError.of(payment.lifeCycleState, allowed, LIFE_CYCLE[definition.operation].verb);
    }
    case "POSTPAID":
      return PostpaidPaymentError.of();
    default:
      return VendorRejectedError.of(payment.vendorCode, outcome.vendorCode, outcome.vendorMessage);
  }
}
