import type { PaymentState } from "../domain/enums";
import type { PaymentChange } from "../domain/payment-change";

/** Where PostgreSQL announces every committed event of a payment's history (src/stores/event-store.ts). */
export const PAYMENT_CHANGES_CHANNEL = "payment_changes";

/**
 * What follows an INSERT … RETURNING into payment_event named `e`: one pg_notify per event, in
 * the order they were written, with the payment as it is in the inserting transaction. It runs in
 * that transaction, so PostgreSQL delivers the announcement when it commits, and never when it
 * rolls back. A payload stays far below PostgreSQL's 8000 bytes (a detail is at most 1000
 * characters).
 */
export const ANNOUNCE_INSERTED_EVENTS = `
  SELECT pg_notify('${PAYMENT_CHANGES_CHANNEL}', json_build_array(
           e.id, e.sequence::text, e.type, e.payment_id, p.reseller_id, e.operation_id, e.actor, e.actor_reseller_id,
           e.from_state, e.to_state, e.vendor_outcome, e.detail, e.occurred_at,
           p.life_cycle_state, p.vendor_code, c.code, r.code, p.issued_on, p.amount::text,
           p.number, p.reference_number, p.back_office_code, p.vendor_payment_id)::text)
    FROM e
    JOIN payment p ON p.id = e.payment_id
    JOIN currency c ON c.id = p.currency_id
    JOIN reseller r ON r.id = p.reseller_id
   ORDER BY e.sequence`;

/** The columns an insert returns for ANNOUNCE_INSERTED_EVENTS. */
export const ANNOUNCED_COLUMNS = "id, sequence, type, payment_id, operation_id, actor, actor_reseller_id, from_state, to_state, vendor_outcome, detail, occurred_at";

class MalformedChange extends Error {}

/** A payload of the payment_changes channel; undefined when it is not one. */
export function parsePaymentChange(payload: string): PaymentChange | undefined {
  let fields: unknown;
  try {
    fields = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (!Array.isArray(fields) || fields.length !== 23 || !fields.every((field) => field === null || typeof field === "string")) return undefined;
  // Every value is text or null: json_build_array of the columns above, the sequence and the amount cast to text.
  const values = fields as Array<string | null>;
  const optional = (index: number): string | null => values[index];
  const required = (index: number): string => {
    const value = values[index];
    if (value === null) throw new MalformedChange();
    return value;
  };
  try {
    return {
      eventId: required(0),
      sequence: required(1),
      type: required(2),
      paymentId: required(3),
      resellerId: required(4),
      operationId: optional(5),
      actor: required(6),
      actorResellerId: optional(7),
      fromState: optional(8) as PaymentState | null,
      toState: optional(9) as PaymentState | null,
      vendorOutcome: optional(10),
      detail: optional(11),
      occurredAt: new Date(required(12)),
      payment: {
        lifeCycleState: required(13) as PaymentState,
        vendorCode: required(14),
        currencyCode: required(15),
        resellerCode: required(16),
        issuedOn: new Date(required(17)),
        amount: required(18),
        number: required(19),
        referenceNumber: required(20),
        backOfficeCode: optional(21),
        vendorPaymentId: required(22),
      },
    };
  } catch (error) {
    if (error instanceof MalformedChange) return undefined;
    throw error;
  }
}
