import type { EntityManager } from "typeorm";
import { entityRows } from "../database/entity-rows";
import { queryPreparedValues } from "../database/prepared-statements";
import { PaymentEvent } from "../domain/payment-event.entity";

/** A payment, and how many of its latest events are asked for. */
export interface LatestEvents {
  paymentId: string;
  last: number;
}

/**
 * The latest events of each payment asked for, oldest first (in the order they were written: the
 * event sequence). One statement for any number of payments, in which each payment reads at most
 * its `last` rows, backwards along the (payment_id, sequence) index: a payment with thousands of
 * events costs what one with `last` does.
 */
export async function latestEventsOf(manager: EntityManager, asked: readonly LatestEvents[]): Promise<PaymentEvent[][]> {
  const rows = entityRows(manager.connection, PaymentEvent, "e");
  const found = await queryPreparedValues(
    manager,
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
