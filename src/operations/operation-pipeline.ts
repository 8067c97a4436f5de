import type { PaymentOperationRecord } from "../domain/payment-operation-record.entity";
import type { Payment } from "../domain/payment.entity";
import { logger } from "../observability/logger";
import type { PaymentDatabase } from "../stores/stores";
import type { VendorRegistry } from "../vendors/vendor-registry";
import type { VendorOperationRequest, VendorOutcome } from "../vendors/vendor-service";
import type { OperationActor } from "./operation-actor";
import type { PaymentOperationCommand } from "./commands/operation-commands";
import { completeOperation, surfaceOperation, type RetrySettings } from "./operation-completion";
import type { AnyOperationDefinition, OperationDefinition } from "./operation-definition";
import { validateCommand } from "./commands/validate-command";
import { NotAuthorizedError, type OperationError } from "./operation-errors";
import { DEFAULT_RECOVERY } from "./operation-recovery";
import { beginOperation, refusedStart } from "./operation-start";
import { keptVendorOutcome } from "./kept-vendor-outcome";
import { isPermanentWriteFailure, isValueRefusal } from "../database/database-failures";
import { describeWriteFailure } from "./record-write-failures";
import { requestFingerprint } from "./request-fingerprint";
import { BLIND_REPEAT, callVendor, describeOutcome, settleRepeat, type Settled } from "./vendor-call";

export type { OperationActor } from "./operation-actor";

/** How operations are retried and surfaced. */
export interface OperationSettings extends RetrySettings {
  /** How long the request that starts an operation owns it before recovery may take it over. */
  leaseMs: number;
}

export const DEFAULT_OPERATION_SETTINGS: OperationSettings = { leaseMs: DEFAULT_RECOVERY.leaseMs, maxAttempts: 8, retryBackoffMs: 5000 };

/**
 * The one pipeline behind voidPayment, cancelPayment and rejectPayment, in three phases:
 * 1. one short transaction: lock the payment row, check idempotency key and rules, record the
 *    operation IN_PROGRESS (and an event) (operation-start.ts);
 * 2. no transaction and no pooled connection held: forward to the payment's vendor (vendor-call.ts);
 * 3. one short transaction: apply the outcome and store the result under the idempotency key
 *    (operation-completion.ts).
 * An unknown vendor outcome leaves the operation IN_PROGRESS for the recovery worker.
 */
export class PaymentOperationPipeline {
  private readonly settings: OperationSettings;

  constructor(
    private readonly db: PaymentDatabase,
    private readonly vendors: VendorRegistry,
    settings: Partial<OperationSettings> = {},
  ) {
    this.settings = { ...DEFAULT_OPERATION_SETTINGS, ...settings };
  }

  /** Runs one operation: its success type, or one of the typed errors. */
  async run<I extends PaymentOperationCommand, P, S extends object>(definition: OperationDefinition<I, P, S>, input: I, actor: OperationActor): Promise<S | OperationError> {
    if (!actor.permissions.has(definition.permission)) return NotAuthorizedError.of(definition.permission);
    const checked = await validateCommand(definition.command, input);
    if ("error" in checked) return checked.error;
    const { command } = checked;

    const fingerprint = requestFingerprint(definition.operation, command, definition.commandDefaults);
    let started;
    try {
      started = await this.db.transaction((stores) =>
        beginOperation(stores, definition, command, { actor, fingerprint, vendors: this.vendors, leaseMs: this.settings.leaseMs }),
      );
    } catch (error) {
      if (!isValueRefusal(error)) throw error;
      return refusedStart(error, definition, command) as OperationError;
    }
    if ("result" in started) return started.result as S | OperationError;
    return (await this.forward(definition, started.record, { payment: started.payment })) as S | OperationError;
  }

  /**
   * Phases 2 and 3 for an operation recorded IN_PROGRESS; the recovery worker calls it again later
   * with `repeat` (an earlier attempt's outcome is unknown, so a refusal now may hide a success).
   */
  async forward<P>(
    definition: AnyOperationDefinition<P>,
    record: PaymentOperationRecord,
    options: { repeat?: boolean; /** As phase 1 read it, when it did. */ payment?: Payment } = {},
  ): Promise<object> {
    const request = record.vendorRequest as VendorOperationRequest;
    const payment = options.payment ?? (await this.db.stores.payments.byId(record.paymentId));
    const service = this.vendors.get(payment.vendorCode);
    let settled: Settled | null = keptVendorOutcome.read(record.vendorOutcome);
    const repeating = options.repeat === true || record.attempts > 0;
    if (!settled && repeating && service?.repeatSafety(request.operation) === "none") {
      // An earlier attempt may have reached the vendor, which offers no way to recognise a repeat.
      settled = { kind: "attention", reason: `an earlier attempt may have reached the vendor; ${BLIND_REPEAT}` };
    } else if (!settled) {
      const outcome = await callVendor(service, request);
      settled = repeating ? await settleRepeat(service, request, outcome) : outcome;
      if (settled.kind === "succeeded" || settled.kind === "refused") await this.keepOutcome(record.id, settled);
    }
    const outcome = settled;
    const context = { vendors: this.vendors, retry: this.settings };
    try {
      return await this.db.transaction((stores) => completeOperation(stores, definition, record.id, outcome, context));
    } catch (error) {
      if (!isPermanentWriteFailure(error)) throw error;
      logger.error({ err: error, operationId: record.id }, "the vendor's outcome could not be recorded; the operation needs attention");
      const reason = `the vendor's outcome (${describeOutcome(outcome)}) could not be recorded: ${describeWriteFailure(error)}`;
      return this.db.transaction((stores) => surfaceOperation(stores, definition, record.id, reason));
    }
  }

  /** Keeps the vendor's definite answer at once, in its own statement: completing it later never needs to ask again. */
  private async keepOutcome(operationId: string, outcome: VendorOutcome): Promise<void> {
    try {
      await this.db.stores.operations.keepOutcome(operationId, outcome);
    } catch (error) {
      logger.warn({ err: error, operationId }, "the vendor's answer could not be kept before completing the operation");
    }
  }
}
