import { Decimal } from "decimal.js";
import { PaymentState } from "../../domain/enums";
import { LIFE_CYCLE } from "../../domain/payment-operation";
import type { PaymentOperationRecord } from "../../domain/payment-operation-record.entity";
import type { Payment } from "../../domain/payment.entity";
import { reaches, type PaymentReach } from "../../domain/reach";
import { isReportedMove, VENDOR_REPORTED_MOVES } from "../../domain/reported-moves";
import type { HolderRow, RecordedPayment, ReportedChange } from "../../stores/payment-intake-store";
import type { RecordPaymentCommand } from "../commands/record-payment-command";
import { OperationInProgressError } from "../operation-errors";
import { CurrencyNotFoundError, PaymentConflictError, PaymentStateMoveError, ResellerNotFoundError } from "./intake-results";

/** What the database holds that a batch is judged against, read in a few statements. */
export interface IntakeFacts {
  reach: PaymentReach;
  resellerIds: ReadonlyMap<string, string>;
  currencyIds: ReadonlyMap<string, string>;
  /** Recorded payments by vendor key (locked). */
  existing: ReadonlyMap<string, Payment>;
  /** The open operation of a recorded payment, by payment id. */
  openOperations: ReadonlyMap<string, PaymentOperationRecord>;
  /** Payments holding numbers, reference numbers or back office codes the batch carries. */
  holders: readonly HolderRow[];
  /** The rate period in force on each new payment's day, by vendor key. */
  ratePeriods: ReadonlyMap<string, string | null>;
}

/** What to do with one payment of a batch. */
export type IntakeStep =
  | { kind: "refuse"; error: object }
  | { kind: "create"; payment: RecordedPayment }
  | { kind: "update"; payment: Payment; change: ReportedChange; changed: string[] }
  | { kind: "unchanged"; payment: Payment }
  /** A state an open operation would produce: kept on it as evidence, the payment unchanged. */
  | { kind: "evidence"; payment: Payment; operation: PaymentOperationRecord; state: PaymentState };

export function vendorKey(vendor: string, vendorPaymentId: string): string {
  return `${vendor}|${vendorPaymentId}`;
}

const FINAL = [PaymentState.CANCELLED, PaymentState.REJECTED];

/** Another payment (not this key) holding one of the command's identifying values, as the conflict to answer. */
function heldByAnother(command: RecordPaymentCommand, resellerId: string, facts: IntakeFacts): PaymentConflictError | null {
  const others = facts.holders.filter((holder) => holder.vendorCode !== command.vendor || holder.vendorPaymentId !== command.vendorPaymentId);
  const named = (holder: HolderRow) => (reaches(facts.reach, holder.resellerId) ? holder.number : null);
  const byNumber = others.find((holder) => holder.number === command.number);
  if (byNumber) return PaymentConflictError.heldByAnother("number", command.number, named(byNumber));
  const byReference = others.find((holder) => holder.referenceNumber === command.referenceNumber);
  if (byReference) return PaymentConflictError.heldByAnother("referenceNumber", command.referenceNumber, named(byReference));
  const code = command.backOfficeCode;
  const byCode = code ? others.find((holder) => holder.backOfficeCode === code && holder.resellerId === resellerId) : undefined;
  if (byCode && code) return PaymentConflictError.heldByAnother("backOfficeCode", code, named(byCode));
  return null;
}

/** A recorded payment's value that a report may not change, when the report gives another. */
function changedFixedValue(recorded: Payment, command: RecordPaymentCommand, resellerId: string, currencyId: string): PaymentConflictError | null {
  const fixed: Array<[string, string, string]> = [
    ["number", recorded.number, command.number],
    ["referenceNumber", recorded.referenceNumber, command.referenceNumber],
    ["issuedOn", recorded.issuedOn.toISOString(), command.issuedOn.toISOString()],
    ["paymentModel", recorded.paymentModel, command.paymentModel],
  ];
  for (const [field, was, now] of fixed) if (was !== now) return PaymentConflictError.changed(field, was);
  // Amounts compare as decimals: 10.5 and 10.5000 are one amount.
  if (!new Decimal(recorded.amount).eq(command.amount)) return PaymentConflictError.changed("amount", recorded.amount);
  if (recorded.currencyId !== currencyId) return PaymentConflictError.changed("currencyCode", command.currencyCode);
  if (recorded.resellerId !== resellerId) return PaymentConflictError.changed("resellerCode", command.resellerCode);
  return null;
}

/** A later report of a recorded payment: what it changes, or why it changes nothing. */
function reportOf(recorded: Payment, command: RecordPaymentCommand, resellerId: string, facts: IntakeFacts): IntakeStep {
  const fixed = changedFixedValue(recorded, command, resellerId, facts.currencyIds.get(command.currencyCode)!);
  if (fixed) return { kind: "refuse", error: fixed };
  const state = command.lifeCycleState;
  if (!isReportedMove(recorded.lifeCycleState, state)) {
    return { kind: "refuse", error: PaymentStateMoveError.of(recorded.lifeCycleState, state, VENDOR_REPORTED_MOVES[recorded.lifeCycleState]) };
  }
  // A report never clears what is known: a field it leaves out (or null) keeps its value.
  const change: ReportedChange = {
    id: recorded.id,
    lifeCycleState: state,
    postedOn: command.postedOn ?? recorded.postedOn,
    backOfficeCode: command.backOfficeCode ?? recorded.backOfficeCode,
    vendorResellerId: command.vendorResellerId ?? recorded.vendorResellerId,
    gatewayName: command.gatewayName ?? recorded.gatewayName,
    gatewayReferenceNumber: command.gatewayReferenceNumber ?? recorded.gatewayReferenceNumber,
    closes: state !== recorded.lifeCycleState && FINAL.includes(state),
  };
  const changed = [
    state !== recorded.lifeCycleState ? "lifeCycleState" : null,
    change.postedOn?.getTime() !== recorded.postedOn?.getTime() ? "postedOn" : null,
    change.backOfficeCode !== recorded.backOfficeCode ? "backOfficeCode" : null,
    change.vendorResellerId !== recorded.vendorResellerId ? "vendorResellerId" : null,
    change.gatewayName !== recorded.gatewayName ? "gatewayName" : null,
    change.gatewayReferenceNumber !== recorded.gatewayReferenceNumber ? "gatewayReferenceNumber" : null,
  ].filter((field): field is string => field !== null);
  if (changed.length === 0) return { kind: "unchanged", payment: recorded };

  const open = facts.openOperations.get(recorded.id);
  if (open) {
    // The operation's own target, reported by the vendor: evidence for whoever settles it, never a settlement.
    if (state !== recorded.lifeCycleState && state === LIFE_CYCLE[open.operation].to) return { kind: "evidence", payment: recorded, operation: open, state };
    return { kind: "refuse", error: OperationInProgressError.of(open.operation) };
  }
  if (changed.includes("backOfficeCode")) {
    const clash = heldByAnother({ ...command, number: "", referenceNumber: "", backOfficeCode: change.backOfficeCode }, resellerId, facts);
    if (clash) return { kind: "refuse", error: clash };
  }
  return { kind: "update", payment: recorded, change, changed };
}

/**
 * What to do with each payment of a batch, judged against the facts read for it: refuse it (the
 * typed error), create it, apply what a later report changes, or nothing. Pure: no statement runs.
 */
export function planIntake(command: RecordPaymentCommand, facts: IntakeFacts): IntakeStep {
  const resellerId = facts.resellerIds.get(command.resellerCode);
  if (!resellerId) return { kind: "refuse", error: ResellerNotFoundError.of(command.resellerCode) };
  const currencyId = facts.currencyIds.get(command.currencyCode);
  if (!currencyId) return { kind: "refuse", error: CurrencyNotFoundError.of(command.currencyCode) };
  const key = vendorKey(command.vendor, command.vendorPaymentId);
  const recorded = facts.existing.get(key);
  if (recorded) {
    // A payment recorded under another reseller, outside the caller's reach, is not the caller's to report.
    if (!reaches(facts.reach, recorded.resellerId)) return { kind: "refuse", error: PaymentConflictError.heldByAnother("vendorPaymentId", command.vendorPaymentId, null) };
    return reportOf(recorded, command, resellerId, facts);
  }
  const clash = heldByAnother(command, resellerId, facts);
  if (clash) return { kind: "refuse", error: clash };
  return {
    kind: "create",
    payment: {
      vendorCode: command.vendor,
      vendorPaymentId: command.vendorPaymentId,
      number: command.number,
      referenceNumber: command.referenceNumber,
      backOfficeCode: command.backOfficeCode ?? null,
      lifeCycleState: command.lifeCycleState,
      issuedOn: command.issuedOn,
      postedOn: command.postedOn ?? null,
      amount: command.amount,
      currencyId,
      currencyRatePeriodId: facts.ratePeriods.get(key) ?? null,
      paymentModel: command.paymentModel,
      resellerId,
      vendorResellerId: command.vendorResellerId ?? null,
      gatewayName: command.gatewayName ?? null,
      gatewayReferenceNumber: command.gatewayReferenceNumber ?? null,
    },
  };
}
