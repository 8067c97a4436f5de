import { Permission } from "../../access/roles";
import { isValueRefusal, sqlStateOf } from "../../database/database-failures";
import { BadInputError } from "../../domain/bad-input";
import type { NewEvent } from "../../stores/event-store";
import type { RecordedPayment } from "../../stores/payment-intake-store";
import type { PaymentDatabase, Stores } from "../../stores/stores";
import type { VendorRegistry } from "../../vendors/vendor-registry";
import { plainRecordPaymentCommand, RecordPaymentCommand } from "../commands/record-payment-command";
import { validateCommand } from "../commands/validate-command";
import type { OperationActor } from "../operation-actor";
import { NotAuthorizedError, OperationInProgressError, ValidationError } from "../operation-errors";
import { fieldErrorsOf } from "../record-write-failures";
import { planIntake, vendorKey, type IntakeFacts, type IntakeStep } from "./intake-plan";
import { PaymentConflictError, PaymentRecorded, RecordChange } from "./intake-results";

/** At most this many payments in one batch. */
export const RECORD_BATCH_MAX = 500;

/** The answer for one payment of a batch: recorded, or a typed error. */
export type RecordResult = PaymentRecorded | object;

/** The vendors a batch may name. */
type VendorLookup = Pick<VendorRegistry, "get"> | ReadonlyMap<string, unknown>;

/** What recording one payment of a batch did: the payment's id and change, or a typed error. */
export type RecordOutcome = { error: object } | { paymentId: string; change: RecordChange };

/**
 * Records payments created at the vendors, in order, one typed result each: a payment that is new
 * is created; one recorded before is updated by what the vendor reports now (its state only along
 * the table of reported moves), or left unchanged. Each payment is all or nothing on its own. The
 * recorded payments are read back for the answer.
 */
export async function recordPayments(db: PaymentDatabase, vendors: VendorLookup, given: readonly RecordPaymentCommand[], actor: OperationActor): Promise<RecordResult[]> {
  const outcomes = await recordPaymentOutcomes(db, vendors, given, actor);
  const ids = outcomes.flatMap((outcome) => ("paymentId" in outcome ? [outcome.paymentId] : []));
  const payments = new Map((ids.length > 0 ? await db.stores.payments.byIds(ids) : []).map((payment) => [payment.id, payment]));
  return outcomes.map((outcome) => {
    if ("error" in outcome) return outcome.error;
    return Object.assign(new PaymentRecorded(), { payment: payments.get(outcome.paymentId)!, change: outcome.change });
  });
}

/**
 * recordPayments without reading the payments back: what each payment's recording did (the
 * import's answer). A batch reads what it is judged against in a few statements, writes in a few
 * more, whatever its size; should PostgreSQL refuse one of its writes, each payment is then
 * recorded alone, so that the refusal is that payment's only.
 */
export async function recordPaymentOutcomes(db: PaymentDatabase, vendors: VendorLookup, given: readonly RecordPaymentCommand[], actor: OperationActor): Promise<RecordOutcome[]> {
  if (given.length < 1 || given.length > RECORD_BATCH_MAX) {
    throw new BadInputError(`Record from 1 to ${RECORD_BATCH_MAX} payments at a time; ${given.length} were given.`, "payments", RECORD_BATCH_MAX);
  }
  if (!actor.permissions.has(Permission.PAYMENT_RECORD)) return given.map(() => ({ error: NotAuthorizedError.of(Permission.PAYMENT_RECORD) }));

  const outcomes: Array<RecordOutcome | undefined> = [];
  const valid: Array<{ index: number; command: RecordPaymentCommand }> = [];
  for (const [index, item] of given.entries()) {
    const plain = plainRecordPaymentCommand(item);
    const checked = plain ? { command: plain } : await validateCommand(RecordPaymentCommand, item);
    if ("error" in checked) outcomes[index] = { error: checked.error };
    else if (!vendors.get(checked.command.vendor)) outcomes[index] = { error: ValidationError.of([{ field: "vendor", message: `no vendor has the code "${checked.command.vendor}"` }]) };
    else valid.push({ index, command: checked.command });
  }
  // The same payment twice in one batch: each report in its turn, in the order given.
  for (const round of rounds(valid)) {
    const decided = await recordRound(db, round, actor);
    for (const [i, { index }] of round.entries()) outcomes[index] = decided[i];
  }
  return outcomes.map((outcome) => {
    if (!outcome) throw new Error("a payment of the batch was left without an answer");
    return outcome;
  });
}

/** Splits a batch so that no payment appears twice in one part, keeping the order of each payment's reports. */
function rounds<T extends { command: RecordPaymentCommand }>(items: readonly T[]): T[][] {
  const parts: T[][] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const key = vendorKey(item.command.vendor, item.command.vendorPaymentId);
    const part = seen.get(key) ?? 0;
    seen.set(key, part + 1);
    (parts[part] ??= []).push(item);
  }
  return parts;
}

/** A new payment's unique value was taken after the part read its facts (by another writer): the part is judged again. */
class TakenMeanwhile extends Error {}

/**
 * One part of a batch in one transaction; should another writer take a new payment's unique value
 * meanwhile, the part again, each such payment then refused; should PostgreSQL refuse a write,
 * each payment alone.
 */
async function recordRound(db: PaymentDatabase, round: ReadonlyArray<{ command: RecordPaymentCommand }>, actor: OperationActor): Promise<RecordOutcome[]> {
  const commands = round.map((item) => item.command);
  try {
    try {
      return await db.transaction((stores) => writeRound(stores, commands, actor, true));
    } catch (error) {
      if (!(error instanceof TakenMeanwhile)) throw error;
      return await db.transaction((stores) => writeRound(stores, commands, actor, false));
    }
  } catch (error) {
    if (!isValueRefusal(error) || commands.length === 1) {
      if (isValueRefusal(error)) return [{ error: ValidationError.of(fieldErrorsOf(error)) }];
      throw error;
    }
    const alone: RecordOutcome[] = [];
    for (const command of commands) alone.push(...(await recordRound(db, [{ command }], actor)));
    return alone;
  }
}

/**
 * Reads what the part is judged against, decides each payment, and writes the decisions. When
 * `hopeful`, new payments that share no unique value among themselves are inserted all or none:
 * the facts read say no other payment holds their values, and should one have been written since,
 * TakenMeanwhile.
 */
async function writeRound(stores: Stores, commands: readonly RecordPaymentCommand[], actor: OperationActor, hopeful: boolean): Promise<RecordOutcome[]> {
  const facts = await readFacts(stores, commands, actor);
  const steps: IntakeStep[] = commands.map((command) => planIntake(command, facts));
  const creates = steps.flatMap((step) => (step.kind === "create" ? [step.payment] : []));
  const created = creates.length > 0 ? await insertCreated(stores, creates, hopeful && !shareUniqueValues(creates)) : new Map<string, string>();
  await stores.intake.applyReported(steps.flatMap((step) => (step.kind === "update" ? [step.change] : [])));
  const by = { actor: actor.name, actorResellerId: actor.resellerId };
  const events: NewEvent[] = [];
  const outcomes = steps.map((step, i): RecordOutcome => {
    const command = commands[i];
    switch (step.kind) {
      case "refuse":
        return { error: step.error };
      case "unchanged":
        return { paymentId: step.payment.id, change: RecordChange.UNCHANGED };
      case "create": {
        const id = created.get(vendorKey(command.vendor, command.vendorPaymentId));
        // Left out: another payment took a unique value first (one of this part, or one written meanwhile).
        if (!id) return { error: takenFirst(step.payment, creates, created) };
        const detail = `recorded ${command.lifeCycleState}, ${command.amount} ${command.currencyCode}, by the vendor's payment ${command.vendorPaymentId}`;
        events.push({ paymentId: id, operationId: null, type: "RECORDED", ...by, fromState: null, toState: command.lifeCycleState, vendorOutcome: null, detail });
        return { paymentId: id, change: RecordChange.CREATED };
      }
      case "update": {
        const moved = step.changed.includes("lifeCycleState");
        const others = step.changed.filter((field) => field !== "lifeCycleState");
        const detail = moved ? `reported by the vendor${others.length > 0 ? `; also changed: ${others.join(", ")}` : ""}` : `changed: ${others.join(", ")}`;
        events.push({
          paymentId: step.payment.id,
          operationId: null,
          type: moved ? "STATE_REPORTED" : "RECORDED",
          ...by,
          fromState: step.payment.lifeCycleState,
          toState: moved ? step.change.lifeCycleState : null,
          vendorOutcome: null,
          detail,
        });
        return { paymentId: step.payment.id, change: RecordChange.UPDATED };
      }
      case "evidence": {
        const detail = `reported while ${step.operation.operation} is open: kept on the operation as evidence; the payment is unchanged`;
        events.push({ paymentId: step.payment.id, operationId: step.operation.id, type: "STATE_REPORTED", ...by, fromState: step.payment.lifeCycleState, toState: step.state, vendorOutcome: null, detail });
        return { error: OperationInProgressError.of(step.operation.operation) };
      }
    }
  });
  for (const step of steps) {
    if (step.kind === "evidence") await stores.operations.keepReportedState(step.operation.id, { state: step.state, reportedAt: new Date().toISOString(), reportedBy: actor.name });
  }
  await stores.events.appendMany(events);
  return outcomes;
}

async function insertCreated(stores: Stores, creates: readonly RecordedPayment[], whole: boolean): Promise<Map<string, string>> {
  try {
    return await stores.intake.insert(creates, whole);
  } catch (error) {
    if (whole && sqlStateOf(error) === "23505") throw new TakenMeanwhile();
    throw error;
  }
}

/** Two new payments of the part with one number, reference number, or back office code of a reseller. */
function shareUniqueValues(creates: readonly RecordedPayment[]): boolean {
  const values = new Set<string>();
  const seen = (value: string) => values.size === values.add(value).size;
  return creates.some(
    (payment) =>
      seen(`n|${payment.number}`) || seen(`r|${payment.referenceNumber}`) || (payment.backOfficeCode !== null && seen(`b|${payment.resellerId}|${payment.backOfficeCode}`)),
  );
}

/** Which value of a payment left out of an insert another payment took first. */
function takenFirst(payment: RecordedPayment, creates: readonly RecordedPayment[], created: ReadonlyMap<string, string>): PaymentConflictError {
  const firsts = creates.filter((other) => other !== payment && created.has(vendorKey(other.vendorCode, other.vendorPaymentId)));
  const fields: Array<[keyof RecordedPayment, (other: RecordedPayment) => boolean]> = [
    ["number", (other) => other.number === payment.number],
    ["referenceNumber", (other) => other.referenceNumber === payment.referenceNumber],
    ["backOfficeCode", (other) => payment.backOfficeCode !== null && other.backOfficeCode === payment.backOfficeCode && other.resellerId === payment.resellerId],
  ];
  for (const [field, clashes] of fields) {
    const other = firsts.find(clashes);
    if (other) return PaymentConflictError.heldByAnother(field, String(payment[field]), other.number);
  }
  return PaymentConflictError.heldByAnother("vendorPaymentId", payment.vendorPaymentId, null);
}

/** Everything a part of a batch is judged against, in a few statements whatever its size. */
async function readFacts(stores: Stores, commands: readonly RecordPaymentCommand[], actor: OperationActor): Promise<IntakeFacts> {
  const unique = <T>(values: T[]) => [...new Set(values)];
  const resellerIds = await stores.reference.resellerIdsByCode(unique(commands.map((c) => c.resellerCode)), actor.reach.resellerIds);
  const currencyIds = await stores.reference.currencyIdsByCode(unique(commands.map((c) => c.currencyCode)));
  const recorded = await stores.intake.lockByVendorIds(commands.map((c) => ({ vendorCode: c.vendor, vendorPaymentId: c.vendorPaymentId })));
  const existing = new Map(recorded.map((payment) => [vendorKey(payment.vendorCode, payment.vendorPaymentId), payment]));
  const open = recorded.length > 0 ? await stores.operations.openOf(recorded.map((payment) => payment.id)) : [];
  const codes = commands.flatMap((c) => (c.backOfficeCode && resellerIds.has(c.resellerCode) ? [{ resellerId: resellerIds.get(c.resellerCode)!, code: c.backOfficeCode }] : []));
  const holders = await stores.intake.holders(unique(commands.map((c) => c.number)), unique(commands.map((c) => c.referenceNumber)), codes);
  const fresh = commands.filter((c) => !existing.has(vendorKey(c.vendor, c.vendorPaymentId)) && currencyIds.has(c.currencyCode));
  const periodIds = fresh.length > 0 ? await stores.reference.ratePeriodIdsAt(fresh.map((c) => ({ currencyId: currencyIds.get(c.currencyCode)!, day: c.issuedOn.toISOString().slice(0, 10) }))) : [];
  return {
    reach: actor.reach,
    resellerIds,
    currencyIds,
    existing,
    openOperations: new Map(open.map((operation) => [operation.paymentId, operation])),
    holders,
    ratePeriods: new Map(fresh.map((c, i) => [vendorKey(c.vendor, c.vendorPaymentId), periodIds[i]])),
  };
}
