import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A payments listing is read newest issued first, (issued_on, id) descending, a page at a time
 * after a cursor. Each equality filter gets an index that leads with it and then follows that
 * order, so that a page reads its own rows whatever the table's size: the state, the vendor (and
 * the vendor with the state, the pair a vendor's operations filter on), the currency, the owning
 * reseller (one reseller; a reach of several reads the same index per reseller). The amount gets
 * an index of its own for ranges; issued-on ranges use payment_issued_on_id_idx.
 * The composite indexes replace the single-column ones they start with. A vendor's payments are
 * in some states only: statistics of the pair tell the planner so, instead of multiplying the two
 * columns' shares as if they were independent (and walking a vendor's payments for a state it
 * never has).
 */
export class PaymentListingIndexes1764650000000 implements MigrationInterface {
  name = "PaymentListingIndexes1764650000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX payment_life_cycle_state_idx`);
    await q.query(`DROP INDEX payment_currency_id_idx`);
    await q.query(`DROP INDEX payment_reseller_id_idx`);
    await q.query(`CREATE INDEX payment_state_listing_idx ON payment (life_cycle_state, issued_on DESC, id DESC)`);
    await q.query(`CREATE INDEX payment_vendor_listing_idx ON payment (vendor_code, issued_on DESC, id DESC)`);
    await q.query(`CREATE INDEX payment_vendor_state_listing_idx ON payment (vendor_code, life_cycle_state, issued_on DESC, id DESC)`);
    await q.query(`CREATE INDEX payment_currency_listing_idx ON payment (currency_id, issued_on DESC, id DESC)`);
    await q.query(`CREATE INDEX payment_reseller_listing_idx ON payment (reseller_id, issued_on DESC, id DESC)`);
    await q.query(`CREATE INDEX payment_amount_idx ON payment (amount)`);
    await q.query(`CREATE STATISTICS payment_vendor_state_stats (mcv, dependencies) ON vendor_code, life_cycle_state FROM payment`);
    await q.query(`ANALYZE payment`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP STATISTICS payment_vendor_state_stats`);
    await q.query(`DROP INDEX payment_amount_idx`);
    await q.query(`DROP INDEX payment_reseller_listing_idx`);
    await q.query(`DROP INDEX payment_currency_listing_idx`);
    await q.query(`DROP INDEX payment_vendor_state_listing_idx`);
    await q.query(`DROP INDEX payment_vendor_listing_idx`);
    await q.query(`DROP INDEX payment_state_listing_idx`);
    await q.query(`CREATE INDEX payment_reseller_id_idx ON payment (reseller_id)`);
    await q.query(`CREATE INDEX payment_currency_id_idx ON payment (currency_id)`);
    await q.query(`CREATE INDEX payment_life_cycle_state_idx ON payment (life_cycle_state)`);
  }
}
