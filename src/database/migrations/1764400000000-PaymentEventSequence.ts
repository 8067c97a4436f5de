import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A payment's events are ordered by a database sequence, in the order they were written: the
 * events of one transaction share its time (`occurred_at`), and ties fell to random ids. Existing
 * events are numbered in the order they were read until now (time, then id); new ones take the
 * next number as they are inserted, and the writes of one payment are serialised by its row lock.
 * The index answers a payment's latest events without reading the others.
 */
export class PaymentEventSequence1764400000000 implements MigrationInterface {
  name = "PaymentEventSequence1764400000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment_event ADD COLUMN sequence bigint`);
    await q.query(`UPDATE payment_event e SET sequence = numbered.n
      FROM (SELECT id, row_number() OVER (ORDER BY occurred_at, id) AS n FROM payment_event) numbered
     WHERE numbered.id = e.id`);
    await q.query(`ALTER TABLE payment_event ALTER COLUMN sequence SET NOT NULL`);
    await q.query(`ALTER TABLE payment_event ALTER COLUMN sequence ADD GENERATED ALWAYS AS IDENTITY`);
    await q.query(`SELECT setval(pg_get_serial_sequence('payment_event', 'sequence'), coalesce(max(sequence), 0) + 1, false) FROM payment_event`);
    await q.query(`CREATE UNIQUE INDEX payment_event_payment_id_sequence_key ON payment_event (payment_id, sequence)`);
    await q.query(`DROP INDEX payment_event_payment_id_occurred_at_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX payment_event_payment_id_occurred_at_idx ON payment_event (payment_id, occurred_at)`);
    await q.query(`DROP INDEX payment_event_payment_id_sequence_key`);
    await q.query(`ALTER TABLE payment_event DROP COLUMN sequence`);
  }
}
