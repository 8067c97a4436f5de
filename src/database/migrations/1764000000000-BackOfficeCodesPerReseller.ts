import type { MigrationInterface, QueryRunner } from "typeorm";
import { refuseRollbackIf } from "./refuse-rollback";

/**
 * Back office codes are unique per reseller that owns the payment, no longer across every
 * tenant: one reseller can neither learn that another used a code nor take a code before it.
 * Cancellations and operations get the owning reseller of their payment (set by a trigger, so
 * no writer can get it wrong), and the unique indexes include it.
 */
export class BackOfficeCodesPerReseller1764000000000 implements MigrationInterface {
  name = "BackOfficeCodesPerReseller1764000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment DROP CONSTRAINT payment_back_office_code_key`);
    await q.query(`ALTER TABLE payment ADD CONSTRAINT payment_back_office_code_key UNIQUE (reseller_id, back_office_code)`);

    await q.query(`CREATE FUNCTION set_reseller_of_payment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT reseller_id INTO NEW.reseller_id FROM payment WHERE id = NEW.payment_id;
        RETURN NEW;
      END $$`);

    await q.query(`ALTER TABLE payment_cancellation ADD COLUMN reseller_id uuid REFERENCES reseller(id)`);
    await q.query(`UPDATE payment_cancellation c SET reseller_id = p.reseller_id FROM payment p WHERE p.id = c.payment_id`);
    await q.query(`ALTER TABLE payment_cancellation ALTER COLUMN reseller_id SET NOT NULL`);
    await q.query(`CREATE TRIGGER payment_cancellation_reseller BEFORE INSERT OR UPDATE OF payment_id ON payment_cancellation
      FOR EACH ROW EXECUTE FUNCTION set_reseller_of_payment()`);
    await q.query(`ALTER TABLE payment_cancellation DROP CONSTRAINT payment_cancellation_back_office_code_key`);
    await q.query(`ALTER TABLE payment_cancellation ADD CONSTRAINT payment_cancellation_back_office_code_key UNIQUE (reseller_id, back_office_code)`);

    await q.query(`ALTER TABLE payment_operation ADD COLUMN reseller_id uuid REFERENCES reseller(id)`);
    await q.query(`UPDATE payment_operation o SET reseller_id = p.reseller_id FROM payment p WHERE p.id = o.payment_id`);
    await q.query(`ALTER TABLE payment_operation ALTER COLUMN reseller_id SET NOT NULL`);
    await q.query(`CREATE TRIGGER payment_operation_reseller BEFORE INSERT OR UPDATE OF payment_id ON payment_operation
      FOR EACH ROW EXECUTE FUNCTION set_reseller_of_payment()`);
    await q.query(`DROP INDEX payment_operation_back_office_code`);
    await q.query(`CREATE UNIQUE INDEX payment_operation_back_office_code ON payment_operation (reseller_id, reserved_back_office_code)
      WHERE reserved_back_office_code IS NOT NULL AND status <> 'REFUSED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await refuseRollbackIf(
      q,
      `SELECT 1 FROM payment WHERE back_office_code IS NOT NULL GROUP BY back_office_code HAVING count(*) > 1 UNION ALL
       SELECT 1 FROM payment_cancellation WHERE back_office_code IS NOT NULL GROUP BY back_office_code HAVING count(*) > 1 UNION ALL
       SELECT 1 FROM payment_operation WHERE reserved_back_office_code IS NOT NULL AND status <> 'REFUSED'
        GROUP BY reserved_back_office_code HAVING count(*) > 1 LIMIT 1`,
      "resellers share back office codes, which the earlier schema keeps unique across all of them",
    );
    await q.query(`DROP INDEX payment_operation_back_office_code`);
    await q.query(`CREATE UNIQUE INDEX payment_operation_back_office_code ON payment_operation (reserved_back_office_code)
      WHERE reserved_back_office_code IS NOT NULL AND status <> 'REFUSED'`);
    await q.query(`DROP TRIGGER payment_operation_reseller ON payment_operation`);
    await q.query(`ALTER TABLE payment_operation DROP COLUMN reseller_id`);
    await q.query(`ALTER TABLE payment_cancellation DROP CONSTRAINT payment_cancellation_back_office_code_key`);
    await q.query(`ALTER TABLE payment_cancellation ADD CONSTRAINT payment_cancellation_back_office_code_key UNIQUE (back_office_code)`);
    await q.query(`DROP TRIGGER payment_cancellation_reseller ON payment_cancellation`);
    await q.query(`ALTER TABLE payment_cancellation DROP COLUMN reseller_id`);
    await q.query(`DROP FUNCTION set_reseller_of_payment()`);
    await q.query(`ALTER TABLE payment DROP CONSTRAINT payment_back_office_code_key`);
    await q.query(`ALTER TABLE payment ADD CONSTRAINT payment_back_office_code_key UNIQUE (back_office_code)`);
  }
}
