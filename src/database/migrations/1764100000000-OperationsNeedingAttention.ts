import type { MigrationInterface, QueryRunner } from "typeorm";
import { refuseRollbackIf } from "./refuse-rollback";

/**
 * Operations that cannot finish are surfaced instead of retried forever: NEEDS_ATTENTION, a next
 * attempt time for recovery's backoff, and the vendor's answer kept as soon as it arrives.
 * Cancellations are written PENDING before the vendor is called and completed POSTED after; they
 * keep the vendor's own record (id, amount, rate period) and their numbers are unique per vendor.
 */
export class OperationsNeedingAttention1764100000000 implements MigrationInterface {
  name = "OperationsNeedingAttention1764100000000";

  async up(q: QueryRunner): Promise<void> {
    // New enum values cannot be used in the transaction that adds them: the constraints below name old values only.
    await q.query(`ALTER TYPE payment_operation_status ADD VALUE IF NOT EXISTS 'NEEDS_ATTENTION'`);
    await q.query(`ALTER TYPE payment_cancellation_state ADD VALUE IF NOT EXISTS 'PENDING' BEFORE 'POSTED'`);

    await q.query(`ALTER TABLE payment_operation
      ADD COLUMN next_attempt_at timestamptz(3),
      ADD COLUMN vendor_outcome jsonb`);
    await q.query(`ALTER TABLE payment_operation DROP CONSTRAINT payment_operation_result_when_done`);
    await q.query(`ALTER TABLE payment_operation ADD CONSTRAINT payment_operation_result_when_done
      CHECK ((status IN ('SUCCEEDED', 'REFUSED')) = (result IS NOT NULL))`);
    await q.query(`DROP INDEX payment_operation_one_in_progress`);
    await q.query(`CREATE UNIQUE INDEX payment_operation_one_open ON payment_operation (payment_id)
      WHERE status NOT IN ('SUCCEEDED', 'REFUSED')`);
    await q.query(`DROP INDEX payment_operation_in_progress_idx`);
    await q.query(`CREATE INDEX payment_operation_in_progress_idx ON payment_operation (coalesce(next_attempt_at, lease_until))
      WHERE status = 'IN_PROGRESS'`);

    await q.query(`ALTER TABLE payment_cancellation
      ADD COLUMN vendor_code vendor_code,
      ADD COLUMN operation_id uuid REFERENCES payment_operation(id),
      ADD COLUMN vendor_record_known boolean NOT NULL DEFAULT true,
      ADD COLUMN vendor_id varchar(64),
      ADD COLUMN vendor_amount numeric(19, 4),
      ADD COLUMN vendor_currency_rate_period jsonb`);
    await q.query(`UPDATE payment_cancellation c SET vendor_code = p.vendor_code FROM payment p WHERE p.id = c.payment_id`);
    // A cancellation's vendor is always its payment's: set by the database, whatever the insert says.
    await q.query(`CREATE FUNCTION payment_cancellation_vendor_code() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.vendor_code := (SELECT vendor_code FROM payment WHERE id = NEW.payment_id);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER payment_cancellation_vendor_code BEFORE INSERT OR UPDATE OF payment_id, vendor_code ON payment_cancellation
      FOR EACH ROW EXECUTE FUNCTION payment_cancellation_vendor_code()`);
    await q.query(`ALTER TABLE payment_cancellation
      ALTER COLUMN vendor_code SET NOT NULL,
      ALTER COLUMN number DROP NOT NULL,
      ALTER COLUMN reference_number DROP NOT NULL,
      ALTER COLUMN posted_on DROP NOT NULL,
      DROP CONSTRAINT payment_cancellation_number_key,
      DROP CONSTRAINT payment_cancellation_reference_number_key,
      ADD CONSTRAINT payment_cancellation_vendor_number_key UNIQUE (vendor_code, number),
      ADD CONSTRAINT payment_cancellation_vendor_reference_number_key UNIQUE (vendor_code, reference_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await refuseRollbackIf(
      q,
      `SELECT 1 FROM payment_cancellation WHERE life_cycle_state::text = 'POSTED' AND (number IS NULL OR reference_number IS NULL) LIMIT 1`,
      "posted cancellations whose vendor record is unknown have no number, which the earlier schema requires",
    );
    await refuseRollbackIf(
      q,
      `SELECT 1 FROM payment_cancellation GROUP BY number HAVING count(*) > 1 UNION ALL
       SELECT 1 FROM payment_cancellation GROUP BY reference_number HAVING count(*) > 1 LIMIT 1`,
      "cancellations of different vendors share a number or reference number, which the earlier schema keeps unique across vendors",
    );
    // Pending cancellations belong to operations still open; the earlier schema writes them when they succeed.
    await q.query(`DELETE FROM payment_cancellation WHERE life_cycle_state::text = 'PENDING'`);
    await q.query(`ALTER TABLE payment_cancellation
      DROP CONSTRAINT payment_cancellation_vendor_number_key,
      DROP CONSTRAINT payment_cancellation_vendor_reference_number_key,
      ADD CONSTRAINT payment_cancellation_number_key UNIQUE (number),
      ADD CONSTRAINT payment_cancellation_reference_number_key UNIQUE (reference_number),
      ALTER COLUMN number SET NOT NULL,
      ALTER COLUMN reference_number SET NOT NULL,
      ALTER COLUMN posted_on SET NOT NULL,
      DROP COLUMN operation_id,
      DROP COLUMN vendor_record_known,
      DROP COLUMN vendor_id,
      DROP COLUMN vendor_amount,
      DROP COLUMN vendor_currency_rate_period`);
    await q.query(`DROP TRIGGER payment_cancellation_vendor_code ON payment_cancellation`);
    await q.query(`DROP FUNCTION payment_cancellation_vendor_code()`);
    await q.query(`ALTER TABLE payment_cancellation DROP COLUMN vendor_code`);
    await q.query(`DROP INDEX payment_operation_in_progress_idx`);
    await q.query(`CREATE INDEX payment_operation_in_progress_idx ON payment_operation (lease_until) WHERE status = 'IN_PROGRESS'`);
    await q.query(`DROP INDEX payment_operation_one_open`);
    await q.query(`CREATE UNIQUE INDEX payment_operation_one_in_progress ON payment_operation (payment_id) WHERE status = 'IN_PROGRESS'`);
    await q.query(`ALTER TABLE payment_operation DROP CONSTRAINT payment_operation_result_when_done`);
    await q.query(`UPDATE payment_operation SET status = 'IN_PROGRESS' WHERE status::text = 'NEEDS_ATTENTION'`);
    await q.query(`ALTER TABLE payment_operation ADD CONSTRAINT payment_operation_result_when_done CHECK ((status = 'IN_PROGRESS') = (result IS NULL))`);
    await q.query(`ALTER TABLE payment_operation DROP COLUMN next_attempt_at, DROP COLUMN vendor_outcome`);
    // PostgreSQL cannot drop an enum value: NEEDS_ATTENTION and PENDING stay in the types, unused.
  }
}
