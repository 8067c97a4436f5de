import type { DataSource } from "typeorm";
import { type PaymentState } from "../../src/domain/enums";
import { LIFE_CYCLE, PaymentOperation } from "../../src/domain/payment-operation";

/** Everything the database holds about one payment's operations, read in one go. */
export interface PaymentRecord {
  state: PaymentState;
  closed: boolean;
  operations: Array<{ id: string; operation: PaymentOperation; status: string; attempts: number }>;
  cancellations: Array<{ operationId: string | null; state: string }>;
  events: Array<{ operationId: string | null; type: string; fromState: string | null; toState: string | null }>;
}

export async function readPaymentRecord(db: Pick<DataSource, "query">, number: string): Promise<PaymentRecord> {
  const [payment] = await db.query(`SELECT id, life_cycle_state, closed_at FROM payment WHERE number = $1`, [number]);
  if (!payment) throw new Error(`payment ${number} is not in the database`);
  const operations = await db.query(
    `SELECT id, operation, status, attempts FROM payment_operation WHERE payment_id = $1 ORDER BY created_at, id`,
    [payment.id],
  );
  const cancellations = await db.query(`SELECT operation_id AS "operationId", life_cycle_state AS state FROM payment_cancellation WHERE payment_id = $1`, [payment.id]);
  const events = await db.query(
    `SELECT operation_id AS "operationId", type, from_state AS "fromState", to_state AS "toState" FROM payment_event WHERE payment_id = $1`,
    [payment.id],
  );
  return { state: payment.life_cycle_state, closed: payment.closed_at !== null, operations, cancellations, events };
}

const OPEN = new Set(["IN_PROGRESS", "NEEDS_ATTENTION"]);

/**
 * The invariants every committed state of a payment keeps, whatever failed when: at most one open
 * operation; the payment moved to the operation's target exactly when one operation succeeded,
 * with one STATE_CHANGED event for it and none for any other; every operation has its start event;
 * a cancel's ledger record is PENDING while it is open, POSTED once it succeeded, gone otherwise.
 * Returns the list of broken invariants (empty when consistent), so a failure says all of them.
 */
export function brokenInvariants(record: PaymentRecord, operation: PaymentOperation, startState: PaymentState): string[] {
  const broken: string[] = [];
  const target = LIFE_CYCLE[operation].to;
  const succeeded = record.operations.filter((op) => op.status === "SUCCEEDED");
  const open = record.operations.filter((op) => OPEN.has(op.status));
  if (open.length > 1) broken.push(`${open.length} open operations`);
  if (succeeded.length > 1) broken.push(`${succeeded.length} succeeded operations`);
  const expectedState = succeeded.length > 0 ? target : startState;
  if (record.state !== expectedState) broken.push(`payment ${record.state} with ${succeeded.length} succeeded operations (expected ${expectedState})`);
  if (record.closed !== (succeeded.length > 0)) broken.push(`closed_at ${record.closed ? "set" : "unset"} with ${succeeded.length} succeeded operations`);
  for (const op of record.operations) {
    const events = record.events.filter((event) => event.operationId === op.id);
    const started = events.filter((event) => event.type === "OPERATION_STARTED").length;
    if (started !== 1) broken.push(`operation ${op.status} has ${started} OPERATION_STARTED events`);
    const changes = events.filter((event) => event.type === "STATE_CHANGED");
    const expectedChanges = op.status === "SUCCEEDED" ? 1 : 0;
    if (changes.length !== expectedChanges) broken.push(`operation ${op.status} has ${changes.length} STATE_CHANGED events`);
    for (const change of changes) {
      if (change.fromState !== startState || change.toState !== target) broken.push(`STATE_CHANGED ${change.fromState} → ${change.toState}`);
    }
    if (op.status === "REFUSED" && !events.some((event) => event.type === "OPERATION_REFUSED")) broken.push("a refused operation without its OPERATION_REFUSED event");
    if (op.operation === PaymentOperation.CANCEL) {
      const records = record.cancellations.filter((cancellation) => cancellation.operationId === op.id).map((cancellation) => cancellation.state);
      const expected = op.status === "SUCCEEDED" ? ["POSTED"] : OPEN.has(op.status) ? ["PENDING"] : [];
      if (JSON.stringify(records) !== JSON.stringify(expected)) broken.push(`cancel ${op.status} with cancellations [${records.join(", ")}]`);
    }
  }
  const orphans = record.cancellations.filter((cancellation) => !record.operations.some((op) => op.id === cancellation.operationId));
  if (orphans.length > 0) broken.push(`${orphans.length} cancellations without their operation`);
  const orphanEvents = record.events.filter((event) => event.operationId !== null && !record.operations.some((op) => op.id === event.operationId));
  if (orphanEvents.length > 0) broken.push(`${orphanEvents.length} events of an operation that does not exist`);
  return broken;
}

/**
 * Keeps the payment as it is now; the function returned puts it back that way, with its
 * operations, cancellations and events gone: a fresh start for the next fault in a few statements.
 */
export async function keepPayment(db: Pick<DataSource, "query">, number: string): Promise<() => Promise<void>> {
  const [{ row }] = await db.query(`SELECT to_jsonb(p) AS row FROM payment p WHERE number = $1`, [number]);
  const columns: Array<{ name: string }> = await db.query(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'payment' AND column_name <> 'id'`,
  );
  const names = columns.map((column) => `"${column.name}"`);
  const restore = `UPDATE payment p SET (${names.join(", ")}) = (SELECT ${names.map((name) => `r.${name}`).join(", ")} FROM jsonb_populate_record(NULL::payment, $1) r) WHERE p.id = $2`;
  return async () => {
    await db.query(`DELETE FROM payment_event WHERE payment_id = $1`, [row.id]);
    await db.query(`DELETE FROM payment_cancellation WHERE payment_id = $1`, [row.id]);
    await db.query(`DELETE FROM payment_operation WHERE payment_id = $1`, [row.id]);
    await db.query(restore, [JSON.stringify(row), row.id]);
  };
}
