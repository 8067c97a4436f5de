import { createHash, randomUUID } from "node:crypto";
import { validate } from "class-validator";
import { QueryFailedError, type EntityManager } from "typeorm";
import type { AppDataSource } from "../database/data-source";
import { OperationStatus, PaymentOperationRecord } from "../domain/payment-operation-record.entity";
import { Payment } from "../domain/payment.entity";
import { PaymentEvent } from "../domain/payment-event.entity";
import type { Permission } from "../access/roles";
import type { PaymentOperationInput } from "../graphql/inputs/operation.inputs";
import { flattenValidationErrors } from "../server/format-error";
import { logger } from "../observability/logger";
import { findPayment, type PaymentReach } from "../payments/payment-queries";
import type { VendorRegistry } from "../vendors/vendor-registry";
import type { VendorOperationRequest, VendorOutcome } from "../vendors/vendor-service";
import type { OperationDefinition, StoredSuccess } from "./operation-definition";
import {
  DuplicateBackOfficeCodeError,
  ERROR_TYPES,
  IdempotencyKeyReuseError,
  NotAuthorizedError,
  OperationInProgressError,
  PaymentNotFoundError,
  PaymentStateError,
  PostpaidPaymentError,
  ValidationError,
  VendorRejectedError,
  VendorUnavailableError,
  type OperationError,
} from "./operation-errors";
import { DEFAULT_RECOVERY } from "./operation-recovery";
import { operationRuleViolation } from "./operation-rules";
import { LIFE_CYCLE } from "./payment-operation";

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

/** Thrown out of phase 1 to roll it back and answer with a typed error. */
class Refusal extends Error {
  constructor(readonly result: object) {
    super("refused");
  }
}

/** JSON with sorted keys: equal requests give equal fingerprints whatever the field order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function uniqueViolation(error: unknown): string | null {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
  return driverError?.code === "23505" ? (driverError.constraint ?? "") : null;
}

/**
 * The one pipeline behind voidPayment, cancelPayment and rejectPayment, in three phases:
 * 1. one short transaction: lock the payment row, check idempotency key and rules, record the
 *    operation IN_PROGRESS (and an event);
 * 2. no transaction and no pooled connection held: forward to the payment's vendor;
 * 3. one short transaction: apply the outcome and store the result under the idempotency key.
 * An unknown vendor outcome leaves the operation IN_PROGRESS for the recovery worker.
 */
export class PaymentOperationPipeline {
  constructor(
    private readonly dataSource: AppDataSource,
    private readonly vendors: VendorRegistry,
    /** How long the request that starts an operation owns it before recovery may take it over. */
    private readonly leaseMs: number = DEFAULT_RECOVERY.leaseMs,
  ) {}

  async run<I extends PaymentOperationInput, P>(definition: OperationDefinition<I, P>, input: I, actor: OperationActor): Promise<object> {
    if (!actor.permissions.has(definition.permission)) return NotAuthorizedError.of(definition.permission);
    const fieldErrors = flattenValidationErrors(await validate(input, { forbidUnknownValues: false }));
    if (fieldErrors.length > 0) return ValidationError.of(fieldErrors);

    const fingerprint = createHash("sha256")
      .update(canonicalJson({ operation: definition.operation, input: { ...input, idempotencyKey: undefined } }))
      .digest("hex");

    let started: { record: PaymentOperationRecord } | { result: object };
    try {
      started = await this.dataSource.transaction((manager) => this.begin(manager, definition, input, actor, fingerprint));
    } catch (error) {
      if (error instanceof Refusal) return error.result;
      const constraint = uniqueViolation(error);
      if (constraint === "payment_operation_idempotency_key") return IdempotencyKeyReuseError.of(input.idempotencyKey!);
      if (constraint === "payment_operation_back_office_code") {
        return DuplicateBackOfficeCodeError.of((input as { backOfficeCode?: string }).backOfficeCode ?? "");
      }
      throw error;
    }
    if ("result" in started) return started.result;
    return this.forward(definition, started.record);
  }

  /** Phase 2 and 3 for an operation recorded IN_PROGRESS; the recovery worker calls it again later. */
  async forward<P>(definition: OperationDefinition<never, P>, record: PaymentOperationRecord): Promise<object> {
    const request = record.vendorRequest as VendorOperationRequest;
    const payment = await this.dataSource.getRepository(Payment).findOneByOrFail({ id: record.paymentId });
    const service = this.vendors.get(payment.vendorCode);
    let outcome: VendorOutcome;
    try {
      outcome = service ? await service.perform(request) : { kind: "unknown", cause: "no vendor service configured" };
    } catch (error) {
      logger.error({ err: error, operationId: record.id }, "vendor service failed unexpectedly");
      outcome = { kind: "unknown", cause: "vendor service failed" };
    }
    return this.dataSource.transaction((manager) => this.complete(manager, definition, record.id, outcome));
  }

  /** Phase 1. */
  private async begin<I extends PaymentOperationInput, P>(
    manager: EntityManager,
    definition: OperationDefinition<I, P>,
    input: I,
    actor: OperationActor,
    fingerprint: string,
  ): Promise<{ record: PaymentOperationRecord } | { result: object }> {
    const operations = manager.getRepository(PaymentOperationRecord);
    if (input.idempotencyKey) {
      const earlier = await operations.findOneBy({ idempotencyScope: actor.idempotencyScope, idempotencyKey: input.idempotencyKey });
      if (earlier) return { result: await this.answerForEarlier(manager, definition, earlier, fingerprint, input.idempotencyKey) };
    }

    const payment = await findPayment(manager, input.payment, actor.reach, "pessimistic_write");
    if (!payment) return { result: PaymentNotFoundError.of() };

    const inProgress = await operations.findOneBy({ paymentId: payment.id, status: OperationStatus.IN_PROGRESS });
    if (inProgress) return { result: OperationInProgressError.of(inProgress.operation) };

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
    const record = await operations.save(
      operations.create({
        id: operationId,
        paymentId: payment.id,
        operation: definition.operation,
        status: OperationStatus.IN_PROGRESS,
        idempotencyScope: actor.idempotencyScope,
        idempotencyKey: input.idempotencyKey ?? null,
        requestFingerprint: fingerprint,
        prepared: prepared.prepared,
        reservedBackOfficeCode: prepared.reservedBackOfficeCode ?? null,
        actor: actor.name,
        actorResellerId: actor.resellerId,
        attempts: 0,
        leaseUntil: new Date(Date.now() + this.leaseMs),
        vendorRequest,
      }),
    );
    await this.recordEvent(manager, payment, record, "OPERATION_STARTED", {
      detail: `${definition.operation} requested`,
    });
    return { record };
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
    return this.readStoredResult(manager, definition, earlier.result as StoredResult);
  }

  private async readStoredResult(manager: EntityManager, definition: OperationDefinition<never, unknown>, stored: StoredResult): Promise<object> {
    if (stored.__typename === definition.successTypename) return definition.loadSuccess(manager, stored as StoredSuccess);
    const { __typename, ...fields } = stored as { __typename: keyof typeof ERROR_TYPES };
    return Object.assign(new ERROR_TYPES[__typename](), fields);
  }

  /** Phase 3: apply the vendor's outcome once; an operation completed meanwhile keeps its result. */
  private async complete<P>(
    manager: EntityManager,
    definition: OperationDefinition<never, P>,
    operationId: string,
    outcome: VendorOutcome,
  ): Promise<object> {
    const operations = manager.getRepository(PaymentOperationRecord);
    const record = await operations.createQueryBuilder("o").setLock("pessimistic_write").where("o.id = :operationId", { operationId }).getOneOrFail();
    if (record.status !== OperationStatus.IN_PROGRESS) return this.readStoredResult(manager, definition, record.result as StoredResult);
    const payment = await manager.getRepository(Payment).createQueryBuilder("p").setLock("pessimistic_write").where("p.id = :id", { id: record.paymentId }).getOneOrFail();

    if (outcome.kind === "unknown") {
      // Left in progress and free for the recovery worker's next round.
      await operations.update({ id: record.id }, { attempts: record.attempts + 1, lastError: outcome.cause.slice(0, 500), leaseUntil: null });
      await this.recordEvent(manager, payment, record, "VENDOR_OUTCOME_UNKNOWN", {
        vendorOutcome: "UNKNOWN",
        detail: outcome.cause.slice(0, 500),
      });
      return VendorUnavailableError.of(payment.vendorCode);
    }

    if (outcome.kind === "refused" && outcome.reason !== "ALREADY_DONE") {
      const error = this.refusalError(payment, definition, outcome);
      await this.finish(manager, record, OperationStatus.REFUSED, { __typename: error.constructor.name, ...error });
      await this.recordEvent(manager, payment, record, "OPERATION_REFUSED", {
        vendorOutcome: "REFUSED",
        detail: `${outcome.vendorCode}: ${outcome.vendorMessage}`.slice(0, 500),
      });
      return error;
    }

    const details = outcome.kind === "succeeded" ? outcome.details : {};
    const fromState = payment.lifeCycleState;
    const toState = LIFE_CYCLE[definition.operation].to;
    const extra = await definition.applySuccess(manager, payment, record.prepared as P, details, record.id);
    await manager.getRepository(Payment).update(
      { id: payment.id },
      {
        lifeCycleState: toState,
        closedAt: details.closedAt ?? new Date(),
        ...(details.gatewayName ? { gatewayName: details.gatewayName } : {}),
        ...(details.gatewayReferenceNumber ? { gatewayReferenceNumber: details.gatewayReferenceNumber } : {}),
        ...definition.paymentChanges?.(record.prepared as P),
        version: payment.version + 1,
      },
    );
    const stored: StoredSuccess = { __typename: definition.successTypename, paymentId: payment.id, ...extra };
    await this.finish(manager, record, OperationStatus.SUCCEEDED, stored);
    await this.recordEvent(manager, payment, record, "STATE_CHANGED", {
      fromState,
      toState,
      vendorOutcome: "SUCCEEDED",
      detail: outcome.kind === "refused" ? `${definition.operation} already done at the vendor` : `${definition.operation} succeeded`,
    });
    return definition.loadSuccess(manager, stored);
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

  private async finish(manager: EntityManager, record: PaymentOperationRecord, status: OperationStatus, result: object): Promise<void> {
    await manager.getRepository(PaymentOperationRecord).update(
      { id: record.id },
      { status, result: JSON.parse(JSON.stringify(result)), attempts: record.attempts + 1, completedAt: new Date(), lastError: null, leaseUntil: null },
    );
  }

  private async recordEvent(
    manager: EntityManager,
    payment: Payment,
    record: PaymentOperationRecord,
    type: string,
    fields: Partial<Pick<PaymentEvent, "fromState" | "toState" | "vendorOutcome" | "detail">>,
  ): Promise<void> {
    await manager.getRepository(PaymentEvent).insert({
      paymentId: payment.id,
      operationId: record.id,
      type,
      actor: record.actor,
      actorResellerId: record.actorResellerId,
      fromState: fields.fromState ?? payment.lifeCycleState,
      toState: fields.toState ?? null,
      vendorOutcome: fields.vendorOutcome ?? null,
      detail: fields.detail ?? null,
    });
  }
}
