import type { Payment } from "../domain/payment.entity";
import type { PaymentCancellation } from "../domain/payment-cancellation.entity";
import type { Stores } from "../stores/stores";
import type { PaymentStateChange } from "../stores/payment-store";
import type { PaymentOperationCommand } from "./commands/operation-commands";
import type { OperationDetails } from "../vendors/vendor-requests";
import type { VendorRules, VendorSuccess } from "../vendors/vendor-service";
import type { Permission } from "../access/roles";
import type { OperationError } from "./operation-errors";
import type { PaymentOperation } from "../domain/payment-operation";

/** What an operation prepared in phase 1 and will need again to apply a success (stored as JSON). */
export interface PreparedOperation<P, Op extends PaymentOperation = PaymentOperation> {
  prepared: P;
  /** The operation's own part of the vendor request (a cancel's cancellation, a reject's rejection). */
  vendorDetails: OperationDetails<Op>;
  /** A back office code to reserve while the operation runs (unique across operations). */
  reservedBackOfficeCode?: string | null;
}

/** The success record kept under the idempotency key; a replay loads the entities again. */
export interface StoredSuccess {
  __typename: string;
  paymentId: string;
  cancellationId?: string;
}

/** Rows phase 3 has just written, as they now are: a success's answer is built from them without reading them again. */
export interface WrittenRows {
  payment: Payment;
  cancellation?: PaymentCancellation;
}

/**
 * The part of void, cancel and reject that differs; everything else (locking, idempotency,
 * rules, forwarding, recording) is the one pipeline in operation-pipeline.ts.
 */
export interface OperationDefinition<I extends PaymentOperationCommand, P, S extends object = object, Op extends PaymentOperation = PaymentOperation> {
  operation: Op;
  /** The command's class: its rules, and what a plain command is read into before they are checked. */
  command: new () => I;
  /**
   * Command fields with a default value and that value: a field at its default is left out of the
   * request fingerprint, so adding one does not change the fingerprint of stored requests.
   */
  commandDefaults?: Readonly<Record<string, unknown>>;
  /** What the caller's token must grant. */
  permission: Permission;
  successTypename: string;
  /** Operation-specific checks and lookups, in phase 1 with the payment row locked. */
  prepare(stores: Stores, payment: Payment, input: I): Promise<PreparedOperation<P, Op> | OperationError>;
  /**
   * Writes, in phase 1, what phase 3 will complete (e.g. the cancellation, PENDING), so that
   * PostgreSQL judges every value before the vendor is called.
   */
  writePending?(stores: Stores, payment: Payment, prepared: P, operationId: string, rules: Readonly<VendorRules>): Promise<void>;
  /** Removes what writePending wrote, when the operation ends without success. */
  release?(stores: Stores, operationId: string): Promise<void>;
  /** Operation-specific records of a success, in phase 3 (the state change itself is the pipeline's); events to add. */
  applySuccess(
    stores: Stores,
    payment: Payment,
    prepared: P,
    details: VendorSuccess,
    operationId: string,
    rules: Readonly<VendorRules>,
  ): Promise<{ stored?: Partial<StoredSuccess>; written?: Omit<WrittenRows, "payment">; events?: Array<{ type: string; detail: string }> }>;
  /** Payment fields a success sets besides state and closing time (e.g. the rejection reason). */
  paymentChanges?(prepared: P): Pick<PaymentStateChange, "rejectionReasonId">;
  /** The GraphQL success object for a stored success: from the rows just written when given, else read again (a replay). */
  loadSuccess(stores: Stores, stored: StoredSuccess, written?: WrittenRows): Promise<S>;
}

/** Any operation's definition, as the parts that do not read its command (phases 2 and 3, recovery, stored results) take it. */
export type AnyOperationDefinition<P = unknown> = OperationDefinition<PaymentOperationCommand, P, object>;
