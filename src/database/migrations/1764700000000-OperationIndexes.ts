import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Three reads that went through whole tables, so that they cost more as the ledger grew:
 * - A cancel's phase 3 posts the cancellation its operation wrote, and a cancel that ends without
 *   success removes it, both found by the operation's id. Unique: an operation is for one payment,
 *   and a payment has at most one cancellation (payment_cancellation_payment_id_key), so no
 *   existing rows can break it.
 * - A payment's operations (`Payment.operations`, oldest first) were found by reading every
 *   operation ever made; now by the payment, in the order they are listed.
 * - The operations needing attention (the operators' list, oldest first) were found among every
 *   operation ever made; now by a partial index holding those only.
 *
 * `IF NOT EXISTS`: on a large ledger an operator may build the same indexes beforehand with
 * `CREATE INDEX CONCURRENTLY`, without holding off writes (docs/deploying.md); this migration then
 * finds them in place.
 */
export class OperationIndexes1764700000000 implements MigrationInterface {
  name = "OperationIndexes1764700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX IF NOT EXISTS payment_cancellation_operation_id_key ON payment_cancellation (operation_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS payment_operation_payment_idx ON payment_operation (payment_id, created_at, id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS payment_operation_needing_attention_idx ON payment_operation (created_at, id) WHERE status = 'NEEDS_ATTENTION'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX payment_operation_needing_attention_idx`);
    await q.query(`DROP INDEX payment_operation_payment_idx`);
    await q.query(`DROP INDEX payment_cancellation_operation_id_key`);
  }
}
