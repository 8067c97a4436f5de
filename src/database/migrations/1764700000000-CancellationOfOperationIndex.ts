import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A cancel's phase 3 posts the cancellation its operation wrote, and a cancel that ends without
 * success removes it, both found by the operation's id: without an index, each read the whole
 * `payment_cancellation` table, so every cancel cost more as cancellations accumulated. Unique:
 * an operation is for one payment, and a payment has at most one cancellation
 * (payment_cancellation_payment_id_key), so no existing rows can break it.
 */
export class CancellationOfOperationIndex1764700000000 implements MigrationInterface {
  name = "CancellationOfOperationIndex1764700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX payment_cancellation_operation_id_key ON payment_cancellation (operation_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX payment_cancellation_operation_id_key`);
  }
}
