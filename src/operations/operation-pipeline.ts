import { randomUUID } from "node:crypto";
import { validate } from "class-validator";
import type { EntityManager } from "typeorm";
import { entityById, findEntity } from "../database/find-entities";
import { queryPrepared } from "../database/prepared-statements";
import type { AppDataSource } from "../database/data-source";
import { OperationStatus, PaymentOperationRecord } from "../domain/payment-operation-record.entity";
import { Payment } from "../domain/payment.entity";
import type { Permission } from "../access/roles";
import type { PaymentOperationCommand } from "./operation-commands";
import { flattenValidationErrors } from "./validation-errors";
import { logger } from "../observability/logger";
import { findPayment, type PaymentReach } from "../payments/payment-queries";
import type { VendorRegistry } from "../vendors/vendor-registry";
import { CIRCUIT_OPEN_CAUSE } from "../vendors/resilience";
import { LOCAL_REFUSAL } from "../vendors/vendor-outcomes";
import type { VendorOperationRequest, VendorOutcome, VendorService } from "../vendors/vendor-service";
import type { OperationDefinition, StoredSuccess } from "./operation-definition";
import {
  DuplicateBackOfficeCodeError,
  ERROR_TYPES,
  IdempotencyKeyReuseError,
  NotAuthorizedError,
  OperationInProgressError,
  OperationNeedsAttentionError,
  PaymentNotFoundError,
  PaymentStateError,
  PostpaidPaymentError,
  ValidationError,
  VendorRejectedError,
  VendorUnavailableError,
  type OperationError,
} from "./operation-errors";
import { applySucceeded, finishOperation, markNeedsAttention, openOperationsOf, recordEvent } from "./operation-records";
import { DEFAULT_RECOVERY } from "./operation-recovery";
import { operationRuleViolation } from "./operation-rules";
import { requestFingerprint } from "./request-fingerprint";
import { keptVendorOutcome } from "./kept-vendor-outcome";
import { LIFE_CYCLE } from "../domain/payment-operation";
import { describeWriteFailure, fieldErrorsOf, isPermanentWriteFailure, isValueRefusal, violatedConstraint } from "./record-write-failures";

/** Who asks: recorded on events, scoping idempotency keys and limiting reach. */
export interface OperationActor {
  /** Recorded on every event: the acting token's prefix. */
  name: string;
  /** The acting token's reseller, recorded on every event. */
  resellerId: string | null;
  /** Idempotency keys are kept per token. */
  idempotencyScope: string;
  reach: PaymentReach;
  permissions: ReadonlySet<Permission>;
}

type StoredResult = StoredSuccess | ({ __typename: keyof typeof ERROR_TYPES } & Record<string, unknown>);

/** How operations are retried and surfaced. */
export interface OperationSettings {
  /** How long the request that starts an operation owns it before recovery may take it over. */
  leaseMs: number;
  /** Vendor attempts before an operation with no usable answer needs attention. */
  maxAttempts: number;
  /** Wait after the first unknown outcome, doubled after each further one, at most an hour. */
  retryBackoffMs: number;
}

export const DEFAULT_OPERATION_SETTINGS: OperationSettings = { leaseMs: DEFAULT_RECOVERY.leaseMs, maxAttempts: 8, retryBackoffMs: 5000 };

const MAX_BACKOFF_MS = 3_600_000;

/** Why an unknown outcome at a vendor that cannot recognise a repeat goes to an operator. */
const BLIND_REPEAT = "the vendor gives no way to recognise a repeat, so it is not sent again: an operator must check the vendor's records";

/** A vendor outcome, or the verdict that no retry can settle it. */
type Settled = VendorOutcome | { kind: "attention"; reason: string };

const isLocalRefusal = (outcome: VendorOutcome) =>
  outcome.kind === "refused" && (Object.values(LOCAL_REFUSAL) as string[]).includes(outcome.vendorCode);

/**
 * The one pipeline behind voidPayment, cancelPayment and rejectPayment, in three phases:
 * 1. one short transaction: lock the payment row, check idempotency key and rules, record the
 *    operation IN_PROGRESS (and an event);
 * 2. no transaction and no pooled connection held: forward to the payment's vendor;
 * 3. one short transaction: apply the outcome and store the result under the idempotency key.
 * An unknown vendor outcome leaves the operation IN_PROGRESS for the recovery worker.
 */
export class PaymentOperationPipeline {
  private readonly settings: OperationSettings;

  constructor(
    private readonly dataSource: AppDataSource,
    private readonly vendors: VendorRegistry,
    settings: Partial<OperationSettings> = {},
  ) {
    this.settings = { ...DEFAULT_OPERATION_SETTINGS, ...settings };
  }

  /**
   * Runs one operation: its success type, or one of the typed errors. Every path ends in the
   * definition's `loadSuccess` or an error class (a stored result is rebuilt into the same).
   */
  async run<I extends PaymentOperationCommand, P, S extends object>(
    definition: OperationDefinition<I, P, S>,
    input: I,
    actor: OperationActor,
  ): Promise<S | OperationError> {
    return (await this.start(definition, input, actor)) as S | OperationError;
  }

  private async start<I extends PaymentOperationCommand, P>(definition: OperationDefinition<I, P>, input: I, actor: OperationActor): Promise<object> {
    if (!actor.permissions.has(definition.permission)) return NotAuthorizedError.of(definition.permission);
    const fieldErrors = flattenValidationErrors(await validate(input, { forbidUnknownValues: false }));
    if (fieldErrors.length > 0) return ValidationError.of(fieldErrors);

    const fingerprint = requestFingerprint(definition.operation, input, definition.commandDefaults);

    let started: { record: PaymentOperationRecord; payment: Payment } | { result: object };
    try {
      started = await this.dataSource.transaction((manager) => this.begin(manager, definition, input, actor, fingerprint));
    } catch (error) {
      if (!isValueRefusal(error)) throw error;
      // PostgreSQL judged what phase 1 wrote before any vendor call: a typed refusal, nothing kept.
      const constraint = violatedConstraint(error);
      if (constraint === "payment_operation_idempotency_key") return IdempotencyKeyReuseError.of(input.idempotencyKey!);
      if (constraint === "payment_operation_back_office_code" || constraint === "payment_cancellation_back_office_code_key") {
        return DuplicateBackOfficeCodeError.of((input as { backOfficeCode?: string }).backOfficeCode ?? "");
      }
      if (constraint === "payment_operation_one_open") return OperationInProgressError.of(definition.operation);
      return ValidationError.of(fieldErrorsOf(error));
    }
    if ("result" in started) return started.result;
    return this.forward(definition, started.record, { payment: started.payment });
  }

  /**
   * Phase 2 and 3 for an operation recorded IN_PROGRESS; the recovery worker calls it again later
   * with `repeat` (an earlier attempt's outcome is unknown, so a refusal now may hide a success).
   */
  async forward<P>(
    definition: OperationDefinition<never, P>,
    record: PaymentOperationRecord,
    options: { repeat?: boolean; /** As phase 1 read it, when it did. */ payment?: Payment } = {},
  ): Promise<object> {
    const request = record.vendorRequest as VendorOperationRequest;
    const payment = options.payment ?? (await entityById(this.dataSource.manager, Payment, record.paymentId));
    const service = this.vendors.get(payment.vendorCode);
    let settled: Settled | null = keptVendorOutcome.read(record.vendorOutcome);
    const repeating = options.repeat === true || record.attempts > 0;
    if (!settled && repeating && service?.repeatSafety(request.operation) === "none") {
      // An earlier attempt may have reached the vendor, which offers no way to recognise a repeat.
      settled = { kind: "attention", reason: `an earlier attempt may have reached the vendor; ${BLIND_REPEAT}` };
    } else if (!settled) {
      const outcome = await this.callVendor(service, request, record.id);
      settled = repeating ? await this.settleRepeat(service, request, outcome) : outcome;
      if (settled.kind === "succeeded" || settled.kind === "refused") await this.keepOutcome(record.id, settled);
    }
    const outcome = settled;
    try {
      return await this.dataSource.transaction((manager) => this.complete(manager, definition, record.id, outcome));
    } catch (error) {
      if (!isPermanentWriteFailure(error)) throw error;
      logger.error({ err: error, operationId: record.id }, "the vendor's outcome could not be recorded; the operation needs attention");
      const reason = `the vendor's outcome (${describeOutcome(outcome)}) could not be recorded: ${describeWriteFailure(error)}`;
      return this.dataSource.transaction((manager) => this.surface(manager, definition, record.id, reason));
    }
  }

  private async callVendor(service: VendorService | undefined, request: VendorOperationRequest, operationId: string): Promise<VendorOutcome> {
    try {
      return service ? await service.perform(request) : { kind: "unknown", cause: "no vendor service configured" };
    } catch (error) {
      logger.error({ err: error, operationId }, "vendor service failed unexpectedly");
      return { kind: "unknown", cause: "vendor service failed" };
    }
  }

  /**
   * A repeat after an unknown outcome: a refusal is not final, since the first attempt may have
   * acted. Where the vendor can be asked for the payment's state, its answer settles it;
   * elsewhere an operator must.
   */
  private async settleRepeat(service: VendorService | undefined, request: VendorOperationRequest, outcome: VendorOutcome): Promise<Settled> {
    if (outcome.kind !== "refused" || outcome.reason === "ALREADY_DONE" || isLocalRefusal(outcome)) return outcome;
    const refusal = `${outcome.vendorCode}: ${outcome.vendorMessage}`.slice(0, 300);
    if (!service?.readPaymentState) {
      return { kind: "attention", reason: `after an unknown outcome the vendor refused the repeat (${refusal}); it may have acted on the first attempt and cannot be asked` };
    }
    const state = await service.readPaymentState(request).catch((error: unknown) => {
      logger.error({ err: error, operationId: request.operationId }, "reading the payment back failed unexpectedly");
      return { kind: "unknown" as const, cause: "the read failed" };
    });
    switch (state.kind) {
      case "done":
        return { kind: "refused", reason: "ALREADY_DONE", vendorCode: outcome.vendorCode, vendorMessage: outcome.vendorMessage, details: state.details };
      case "not-done":
        return outcome;
      default:
        return { kind: "unknown", cause: `the repeat was refused (${refusal}) and the payment could not be read back: ${state.cause}` };
    }
  }

  /** Keeps the vendor's definite answer at once, in its own statement: completing it later never needs to ask again. */
  private async keepOutcome(operationId: string, outcome: VendorOutcome): Promise<void> {
    try {
      await queryPrepared(this.dataSource.manager, `UPDATE payment_operation SET vendor_outcome = $2 WHERE id = $1 AND status = 'IN_PROGRESS'`, [
        operationId,
        keptVendorOutcome.write(outcome),
      ]);
    } catch (error) {
      logger.warn({ err: error, operationId }, "the vendor's answer could not be kept before completing the operation");
    }
  }

  /** Marks an operation NEEDS_ATTENTION in its own transaction, unless it was completed meanwhile. */
  private async surface(manager: EntityManager, definition: OperationDefinition<never, unknown>, operationId: string, reason: string): Promise<object> {
    const record = await this.lockOperation(manager, operationId);
    if (record.status === OperationStatus.NEEDS_ATTENTION) return OperationNeedsAttentionError.of(record.id, record.operation);
    if (record.status !== OperationStatus.IN_PROGRESS) return this.readStoredResult(manager, definition, record.result as StoredResult);
    const payment = await entityById(manager, Payment, record.paymentId);
    return markNeedsAttention(manager, record, payment, reason);
  }

  private lockOperation(manager: EntityManager, operationId: string): Promise<PaymentOperationRecord> {
    return entityById(manager, PaymentOperationRecord, operationId, { lock: true });
  }

  /** Phase 1. */
  private async begin<I extends PaymentOperationCommand, P>(
    manager: EntityManager,
    definition: OperationDefinition<I, P>,
    input: I,
    actor: OperationActor,
    fingerprint: string,
  ): Promise<{ record: PaymentOperationRecord; payment: Payment } | { result: object }> {
    if (input.idempotencyKey) {
      const earlier = await findEntity(manager, PaymentOperationRecord, { idempotencyScope: actor.idempotencyScope, idempotencyKey: input.idempotencyKey });
      if (earlier) return { result: await this.answerForEarlier(manager, definition, earlier, fingerprint, input.idempotencyKey) };
    }

    const payment = await findPayment(manager, input.payment, actor.reach, "pessimistic_write");
    if (!payment) return { result: PaymentNotFoundError.of() };

    const [open] = await openOperationsOf(manager, [payment.id]);
    if (open?.status === OperationStatus.NEEDS_ATTENTION) return { result: OperationNeedsAttentionError.of(open.id, open.operation) };
    if (open) return { result: OperationInProgressError.of(open.operation) };

    const violation = operationRuleViolation(payment, definition.operation, this.vendors.get(payment.vendorCode));
    if (violation) return { result: violation };

    const prepared = await definition.prepare(manager, payment, input);
    if (!("prepared" in prepared)) return { result: prepared };

    const operationId = randomUUID();
    const vendorRequest: VendorOperationRequest = {
      operationId,
      operation: definition.operation,
      payment: {
        vendorPaymentId: payment.vendorPaymentId,
        vendorResellerId: payment.vendorResellerId,
        number: payment.number,
        referenceNumber: payment.referenceNumber,
        backOfficeCode: payment.backOfficeCode,
      },
      ...prepared.vendorDetails,
    };
    const fields = {
      id: operationId,
      paymentId: payment.id,
      operation: definition.operation,
      status: OperationStatus.IN_PROGRESS,
      idempotencyScope: actor.idempotencyScope,
      idempotencyKey: input.idempotencyKey ?? null,
      requestFingerprint: fingerprint,
      prepared: prepared.prepared as object,
      reservedBackOfficeCode: prepared.reservedBackOfficeCode ?? null,
      actor: actor.name,
      actorResellerId: actor.resellerId,
      attempts: 0,
      vendorRequest: vendorRequest as object,
    };
    // The lease is set by the database clock, as every lease comparison is.
    await queryPrepared(
      manager,
      `INSERT INTO payment_operation (id, payment_id, operation, status, idempotency_scope, idempotency_key, request_fingerprint,
                                      prepared, reserved_back_office_code, actor, actor_reseller_id, attempts, vendor_request, lease_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now() + $14 * interval '1 millisecond')`,
      [
        fields.id, fields.paymentId, fields.operation, fields.status, fields.idempotencyScope, fields.idempotencyKey, fields.requestFingerprint,
        JSON.stringify(fields.prepared), fields.reservedBackOfficeCode, fields.actor, fields.actorResellerId, fields.attempts,
        JSON.stringify(fields.vendorRequest), Math.trunc(this.settings.leaseMs),
      ],
    );
    const record = manager.getRepository(PaymentOperationRecord).create(fields);
    await definition.writePending?.(manager, payment, prepared.prepared, operationId);
    await recordEvent(manager, payment, record, "OPERATION_STARTED", {
      detail: `${definition.operation} requested`,
    });
    return { record, payment };
  }

  /** A request repeating an idempotency key: the stored result, or why there is none. */
  private async answerForEarlier(
    manager: EntityManager,
    definition: OperationDefinition<never, unknown>,
    earlier: PaymentOperationRecord,
    fingerprint: string,
    key: string,
  ): Promise<object> {
    if (earlier.requestFingerprint !== fingerprint || earlier.operation !== definition.operation) {
      return IdempotencyKeyReuseError.of(key);
    }
    if (earlier.status === OperationStatus.IN_PROGRESS) return OperationInProgressError.of(earlier.operation);
    if (earlier.status === OperationStatus.NEEDS_ATTENTION) return OperationNeedsAttentionError.of(earlier.id, earlier.operation);
    return this.readStoredResult(manager, definition, earlier.result as StoredResult);
  }

  async readStoredResult(manager: EntityManager, definition: OperationDefinition<never, unknown>, stored: StoredResult): Promise<object> {
    if (stored.__typename === definition.successTypename) return definition.loadSuccess(manager, stored as StoredSuccess);
    const { __typename, ...fields } = stored as { __typename: keyof typeof ERROR_TYPES };
    return Object.assign(new ERROR_TYPES[__typename](), fields);
  }

  /** Phase 3: apply the vendor's outcome once; an operation completed meanwhile keeps its result. */
  private async complete<P>(manager: EntityManager, definition: OperationDefinition<never, P>, operationId: string, outcome: Settled): Promise<object> {
    const record = await this.lockOperation(manager, operationId);
    if (record.status === OperationStatus.NEEDS_ATTENTION) return OperationNeedsAttentionError.of(record.id, record.operation);
    if (record.status !== OperationStatus.IN_PROGRESS) return this.readStoredResult(manager, definition, record.result as StoredResult);
    const payment = await entityById(manager, Payment, record.paymentId, { lock: true });

    if (outcome.kind === "attention") return markNeedsAttention(manager, record, payment, outcome.reason);

    if (outcome.kind === "unknown") {
      // An open circuit sent nothing to the vendor: the operation waits its backoff without spending an attempt.
      const sent = outcome.cause !== CIRCUIT_OPEN_CAUSE;
      if (sent && this.vendors.get(payment.vendorCode)?.repeatSafety(definition.operation) === "none") {
        return markNeedsAttention(manager, record, payment, `the vendor's outcome is unknown (${outcome.cause.slice(0, 300)}); ${BLIND_REPEAT}`);
      }
      const attempts = sent ? record.attempts + 1 : record.attempts;
      if (attempts >= this.settings.maxAttempts) {
        return markNeedsAttention(manager, record, payment, `no usable answer from the vendor after ${attempts} attempts (last: ${outcome.cause.slice(0, 300)})`);
      }
      // Left in progress for the recovery worker, after a backoff measured by the database clock.
      const backoffMs = Math.min(this.settings.retryBackoffMs * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);
      await manager.query(
        `UPDATE payment_operation SET attempts = $2, last_error = $3, lease_until = NULL,
                next_attempt_at = now() + ($4 || ' milliseconds')::interval, updated_at = now() WHERE id = $1`,
        [record.id, attempts, outcome.cause.slice(0, 500), String(backoffMs)],
      );
      await recordEvent(manager, payment, record, "VENDOR_OUTCOME_UNKNOWN", { vendorOutcome: "UNKNOWN", detail: outcome.cause.slice(0, 500) });
      return VendorUnavailableError.of(payment.vendorCode);
    }

    if (outcome.kind === "refused" && outcome.reason !== "ALREADY_DONE") {
      const error = this.refusalError(payment, definition, outcome);
      await definition.release?.(manager, record.id);
      await finishOperation(manager, record, OperationStatus.REFUSED, { ...error });
      await recordEvent(manager, payment, record, "OPERATION_REFUSED", {
        vendorOutcome: "REFUSED",
        detail: `${outcome.vendorCode}: ${outcome.vendorMessage}`.slice(0, 500),
      });
      return error;
    }

    const alreadyDone = outcome.kind === "refused";
    return applySucceeded(manager, definition, record, payment, {
      details: outcome.details ?? {},
      vendorOutcome: "SUCCEEDED",
      detail: alreadyDone
        ? `${definition.operation} already done at the vendor${outcome.details ? " (as read back)" : ""}`
        : `${definition.operation} succeeded`,
    });
  }

  private refusalError(
    payment: Payment,
    definition: OperationDefinition<never, unknown>,
    outcome: Extract<VendorOutcome, { kind: "refused" }>,
  ): OperationError {
    switch (outcome.reason) {
      case "WRONG_STATE": {
        const allowed = this.vendors.get(payment.vendorCode)?.capabilities.get(definition.operation) ?? [];
        return PaymentStateError.of(payment.lifeCycleState, allowed, LIFE_CYCLE[definition.operation].verb);
      }
      case "POSTPAID":
        return PostpaidPaymentError.of();
      default:
        return VendorRejectedError.of(payment.vendorCode, outcome.vendorCode, outcome.vendorMessage);
    }
  }
}

/** The outcome in a few words, for an operator. */
function describeOutcome(outcome: Settled): string {
  switch (outcome.kind) {
    case "succeeded":
      return "succeeded";
    case "refused":
      return outcome.reason === "ALREADY_DONE" ? "already done" : `refused ${outcome.vendorCode}`;
    case "unknown":
      return "unknown";
    default:
      return "needs attention";
  }
}
