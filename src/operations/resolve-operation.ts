import { Permission } from "../access/roles";
import { OperationStatus } from "../domain/payment-operation-record.entity";
import { PaymentOperation } from "../domain/payment-operation";
import { reaches } from "../domain/reach";
import { isUuid } from "../domain/uuid";
import type { PaymentDatabase } from "../stores/stores";
import type { VendorRegistry } from "../vendors/vendor-registry";
import type { VendorSuccess } from "../vendors/vendor-service";
import { OperationResolution, ResolveOperationCommand } from "./commands/resolve-operation-command";
import { validateCommand } from "./commands/validate-command";
import { OPERATION_DEFINITIONS } from "./operation-definitions";
import { NotAuthorizedError, OperationFailedError, OperationNotAwaitingResolutionError, OperationNotFoundError, ValidationError } from "./operation-errors";
import type { OperationActor } from "./operation-actor";
import { applySucceeded, finishOperation, recordEvent } from "./operation-records";
import { ResolveOperationSuccess } from "./operation-results";
import { isValueRefusal } from "../database/database-failures";
import { fieldErrorsOf } from "./record-write-failures";
import { clashedVendorNumber, vendorNumberTaken, VendorNumberTakenError, type EnteredVendorNumbers } from "./vendor-number-taken";

/**
 * An admin settles an operation that needs attention, by what the vendor's records say (a
 * command breaking its rules is answered ValidationError, as the operations are): recorded
 * as an event naming who and why, and stored as the operation's result, so that a retry of the
 * original request with its idempotency key gets the settled result.
 */
export async function resolveOperation(db: PaymentDatabase, vendors: VendorRegistry, given: ResolveOperationCommand, actor: OperationActor): Promise<object> {
  if (!actor.permissions.has(Permission.OPERATION_RESOLVE)) return NotAuthorizedError.of(Permission.OPERATION_RESOLVE);
  const checked = await validateCommand(ResolveOperationCommand, given);
  if ("error" in checked) return checked.error;
  const { command } = checked;
  if (!isUuid(command.operationId)) return OperationNotFoundError.of();
  let entered: EnteredVendorNumbers | undefined;
  try {
    return await db.transaction(async (stores) => {
      const record = await stores.operations.lockIfExists(command.operationId);
      if (!record) return OperationNotFoundError.of();
      const payment = await stores.payments.byId(record.paymentId, { lock: true });
      if (!reaches(actor.reach, payment.resellerId)) return OperationNotFoundError.of();
      if (record.status !== OperationStatus.NEEDS_ATTENTION) return OperationNotAwaitingResolutionError.of(record.status);

      if (command.outcome === OperationResolution.SUCCEEDED && record.operation === PaymentOperation.CANCEL && command.cancellation) {
        const { number, referenceNumber } = command.cancellation;
        entered = { vendorCode: payment.vendorCode, operationId: record.id, number, referenceNumber };
        // Asked before anything is written, with the operation locked: which cancellation holds the number.
        const taken = await vendorNumberTaken(stores, entered, actor.reach);
        if (taken) return taken;
      }

      const definition = OPERATION_DEFINITIONS[record.operation];
      const operator = { name: actor.name, resellerId: actor.resellerId };
      await recordEvent(stores, payment, record, "OPERATION_RESOLVED", { detail: `${command.outcome} by an operator: ${command.note}` }, operator);
      if (command.outcome === OperationResolution.SUCCEEDED) {
        const entered = command.cancellation ?? null;
        const details: VendorSuccess = {
          closedAt: entered?.postedOn ?? null,
          cancellation: entered ? { ...entered } : undefined,
        };
        await applySucceeded(stores, definition, record, payment, {
          details,
          vendorOutcome: "RESOLVED",
          rules: vendors.rulesOf(payment.vendorCode),
          detail: `${record.operation} settled as succeeded by an operator`,
          actor: operator,
        });
      } else {
        await definition.release?.(stores, record.id);
        const error = OperationFailedError.of(record.id, command.note);
        await finishOperation(stores, record, OperationStatus.REFUSED, { ...error }, false);
      }
      return Object.assign(new ResolveOperationSuccess(), {
        operation: await stores.operations.byId(record.id),
        payment: await stores.payments.byId(payment.id),
      });
    });
  } catch (error) {
    // What the operator entered is refused by PostgreSQL: nothing changed.
    if (!isValueRefusal(error)) throw error;
    const clash = clashedVendorNumber(error);
    if (!clash || !entered) return ValidationError.of(fieldErrorsOf(error));
    // Another cancellation took the number after the check (it committed meanwhile): named as the check would have.
    return (await vendorNumberTaken(db.stores, entered, actor.reach)) ?? VendorNumberTakenError.of(clash, entered[clash] ?? "", null);
  }
}
