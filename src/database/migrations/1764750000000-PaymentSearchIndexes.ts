import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `PaymentFilter.search` finds the payments whose number, reference number, back office code or
 * vendor's payment id equals the text. The first two had unique indexes of their own; the back
 * office code (unique per reseller) and the vendor's payment id (unique per vendor) were indexed
 * only behind the reseller and the vendor, so a search read the whole payment table. Each gets an
 * index of its own, and a search reads the four indexes and their few rows. The back office code
 * is rare: only the payments that carry one are indexed.
 *
 * `IF NOT EXISTS`: on a large ledger an operator may build the same indexes beforehand with
 * `CREATE INDEX CONCURRENTLY`, without holding off writes (docs/deploying.md); this migration then
 * finds them in place.
 */
export class PaymentSearchIndexes1764750000000 implements MigrationInterface {
  name = "PaymentSearchIndexes1764750000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS payment_back_office_code_idx ON payment (back_office_code) WHERE back_office_code IS NOT NULL`);
    await q.query(`CREATE INDEX IF NOT EXISTS payment_vendor_payment_id_idx ON payment (vendor_payment_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX payment_vendor_payment_id_idx`);
    await q.query(`DROP INDEX payment_back_office_code_idx`);
  }
}
