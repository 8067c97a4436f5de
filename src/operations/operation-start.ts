import { randomUUID } from "node:crypto";
import { OperationStatus, PaymentOperationRecord } from "../domain/payment-operation-record.entity";
import type { Payment } from "../domain/payment.entity";
import type { StartedOperation } from "../stores/operation-store";
import type { Stores } from "../stores/stores";
import type { PaymentOperation } from "../domain/payment-operation";
import { operationRequest } from "../vendors/vendor-requests";
import type { VendorRegistry } from "../vendors/vendor-registry";
import type { PaymentOperationCommand } from "./commands/operation-commands";
import type { AnyOperationDefinition, OperationDefinition } from "./operation-definition";
import {
  DuplicateBackOfficeCodeError,
  IdempotencyKeyReuseError,
  OperationInProgressError,
  OperationNeedsAttentionError,
  PaymentNotFoundError,
  ValidationError,
} from "./operation-errors";
import { readStoredResult, type StoredResult } from "./operation-completion";
import type { OperationActor } from "./operation-actor";
import { recordEvent } from "./operation-records";
import { operationRuleViolation } from "./operation-rules";
import { violatedConstraint } from "../database/database-failures";
import { fieldErrorsOf } from "./record-write-failures";

/** What phase 1 ends with: the operation recorded IN_PROGRESS, or the answer without one. */
export type PhaseOne = { record: PaymentOperationRecord; payment: Payment } | { result: object };

/**
 * Phase 1, in one transaction: the idempotency key, the payment row locked, no other operation
 * holding it, the rules, the operation's own checks; then the operation IN_PROGRESS with the
 * exact request its vendor will get, what phase 3 will complete, and an event.
 */
export async function beginOperation<I extends PaymentOperationCommand, P, Op extends PaymentOperation>(
  stores: Stores,
  definition: OperationDefinition<I, P, object, Op>,
  input: I,
  context: { actor: OperationActor; fingerprint: string; vendors: VendorRegistry; leaseMs: number },
): Promise<PhaseOne> {
  const { actor, fingerprint } = context;
  if (input.idempotencyKey) {
    const earlier = await stores.operations.byIdempotencyKey(actor.idempotencyScope, input.idempotencyKey);
    if (earlier) return { result: await answerForEarlier(stores, definition, earlier, fingerprint, input.idempotencyKey) };
  }

  const payment = await stores.payments.find(input.payment, actor.reach, { lock: true });
  if (!payment) return { result: PaymentNotFoundError.of() };

  const [open] = await stores.operations.openOf([payment.id]);
  if (open?.status === OperationStatus.NEEDS_ATTENTION) return { result: OperationNeedsAttentionError.of(open.id, open.operation) };
  if (open) return { result: OperationInProgressError.of(open.operation) };

  const violation = operationRuleViolation(payment, definition.operation, context.vendors.get(payment.vendorCode));
  if (violation) return { result: violation };

  const prepared = await definition.prepare(stores, payment, input);
  if (!("prepared" in prepared)) return { result: prepared };

  const operationId = randomUUID();
  const vendorRequest = operationRequest(
    definition.operation,
    {
      operationId,
      payment: {
        vendorPaymentId: payment.vendorPaymentId,
        vendorResellerId: payment.vendorResellerId,
        number: payment.number,
        referenceNumber: payment.referenceNumber,
        backOfficeCode: payment.backOfficeCode,
      },
    },
    prepared.vendorDetails,
  );
  const started: StartedOperation = {
    id: operationId,
    paymentId: payment.id,
    operation: definition.operation,
    idempotencyScope: actor.idempotencyScope,
    idempotencyKey: input.idempotencyKey ?? null,
    requestFingerprint: fingerprint,
    prepared: prepared.prepared as object,
    reservedBackOfficeCode: prepared.reservedBackOfficeCode ?? null,
    actor: actor.name,
    actorResellerId: actor.resellerId,
    vendorRequest,
  };
  await stores.operations.insertStarted(started, context.leaseMs);
  const record = Object.assign(new PaymentOperationRecord(), started, { status: OperationStatus.IN_PROGRESS, attempts: 0, vendorOutcome: null });
  await definition.writePending?.(stores, payment, prepared.prepared, operationId, context.vendors.rulesOf(payment.vendorCode));
  await recordEvent(stores, payment, record, "OPERATION_STARTED", { detail: `${definition.operation} requested` });
  return { record, payment };
}

/** A request repeating an idempotency key: the stored result, or why there is none. */
async function answerForEarlier(
  stores: Stores,
  definition: AnyOperationDefinition,
  earlier: PaymentOperationRecord,
  fingerprint: string,
  key: string,
): Promise<object> {
  if (earlier.requestFingerprint !== fingerprint || earlier.operation !== definition.operation) return IdempotencyKeyReuseError.of(key);
  if (earlier.status === OperationStatus.IN_PROGRESS) return OperationInProgressError.of(earlier.operation);
  if (earlier.status === OperationStatus.NEEDS_ATTENTION) return OperationNeedsAttentionError.of(earlier.id, earlier.operation);
  return readStoredResult(stores, definition, earlier.result as StoredResult);
}

/**
 * PostgreSQL judged what phase 1 wrote, before any vendor call, and refused it: the typed
 * refusal (nothing was kept).
 */
export function refusedStart(error: unknown, definition: AnyOperationDefinition, input: PaymentOperationCommand): object {
  const constraint = violatedConstraint(error);
  if (constraint === "payment_operation_idempotency_key") return IdempotencyKeyReuseError.of(input.idempotencyKey!);
  if (constraint === "payment_operation_back_office_code" || constraint === "payment_cancellation_back_office_code_key") {
    return DuplicateBackOfficeCodeError.of((input as { backOfficeCode?: string }).backOfficeCode ?? "");
  }
  if (constraint === "payment_operation_one_open") return OperationInProgressError.of(definition.operation);
  return ValidationError.of(fieldErrorsOf(error));
}
