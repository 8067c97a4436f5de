import { entityRows } from "../database/entity-rows";
import { queryPrepared, queryPreparedValues } from "../database/prepared-statements";
import type { PaymentEventFields } from "../domain/payment-change";
import { PaymentEvent } from "../domain/payment-event.entity";
import { ANNOUNCED_COLUMNS, ANNOUNCE_INSERTED_EVENTS } from "./payment-changes";
import { Store } from "./store";

/** A payment, and how many of its latest events are asked for. */
export interface LatestEvents {
  paymentId: string;
  last: number;
}

/** One entry of a payment's history. */
export type NewEvent = PaymentEventFields;

/**
 * The `payment_event` table: append-only, ordered by a database sequence. Every event appended is
 * announced on the payment_changes channel by the same statement (src/stores/payment-changes.ts):
 * heard by every instance once its transaction commits, never if it rolls back.
 */
export class EventStore extends Store {
  async append(event: NewEvent): Promise<void> {
    await queryPrepared(
      this.sql,
      `WITH e AS (
         INSERT INTO payment_event (payment_id, operation_id, type, actor, actor_reseller_id, from_state, to_state, vendor_outcome, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING ${ANNOUNCED_COLUMNS}
       )${ANNOUNCE_INSERTED_EVENTS}`,
      [event.paymentId, event.operationId, event.type, event.actor, event.actorResellerId, event.fromState, event.toState, event.vendorOutcome, event.detail?.slice(0, 1000) ?? null],
    );
  }

  /** Appends several events in one statement, in the order given. */
  async appendMany(events: readonly NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    const column = <K extends keyof NewEvent>(key: K) => events.map((event) => event[key]);
    await queryPrepared(
      this.sql,
      `WITH e AS (
         INSERT INTO payment_event (payment_id, operation_id, type, actor, actor_reseller_id, from_state, to_state, vendor_outcome, detail)
         SELECT n.payment_id, n.operation_id, n.type, n.actor, n.actor_reseller_id, n.from_state::payment_state, n.to_state::payment_state, n.vendor_outcome, n.detail
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[])
                WITH ORDINALITY AS n(payment_id, operation_id, type, actor, actor_reseller_id, from_state, to_state, vendor_outcome, detail, k)
          ORDER BY n.k
         RETURNING ${ANNOUNCED_COLUMNS}
       )${ANNOUNCE_INSERTED_EVENTS}`,
      [
        column("paymentId"), column("operationId"), column("type"), column("actor"), column("actorResellerId"), column("fromState"),
        column("toState"), column("vendorOutcome"), events.map((event) => event.detail?.slice(0, 1000) ?? null),
      ],
    );
  }

  /**
   * The latest events of each payment asked for, oldest first (in the order they were written:
   * the event sequence). One statement for any number of payments, in which each payment reads at
   * most its `last` rows, backwards along the (payment_id, sequence) index: a payment with
   * thousands of events costs what one with `last` does.
   */
  async latestOf(asked: readonly LatestEvents[]): Promise<PaymentEvent[][]> {
    const rows = entityRows(this.sql.connection, PaymentEvent, "e");
    const found = await queryPreparedValues(
      this.sql,
      `SELECT k.asked, ${rows.selectList}
         FROM unnest($1::uuid[], $2::int[]) WITH ORDINALITY AS k(payment_id, last, asked)
         CROSS JOIN LATERAL (
           SELECT * FROM payment_event e WHERE e.payment_id = k.payment_id ORDER BY e.sequence DESC LIMIT k.last
         ) e
        ORDER BY k.asked, e.sequence`,
      [asked.map((a) => a.paymentId), asked.map((a) => a.last)],
    );
    const events = asked.map((): PaymentEvent[] => []);
    for (const row of found) events[Number(row[0]) - 1].push(rows.hydrate(row, 1)!);
    return events;
  }
}
