import type { MigrationInterface, QueryRunner } from "typeorm";
import { refuseRollbackIf } from "./refuse-rollback";

/**
 * Payments come in from the systems that create them (recordPayments, the import): tokens of the
 * new `integration` role record them, and a state a vendor reports while an operation is open on
 * the payment is kept on that operation as evidence for the operator.
 */
export class PaymentIntake1764500000000 implements MigrationInterface {
  name = "PaymentIntake1764500000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access_token DROP CONSTRAINT access_token_roles_known`);
    await q.query(`ALTER TABLE access_token ADD CONSTRAINT access_token_roles_known
      CHECK (roles <@ ARRAY['viewer', 'operator', 'admin', 'integration']::text[] AND cardinality(roles) > 0)`);
    await q.query(`ALTER TABLE payment_operation ADD COLUMN reported_state jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await refuseRollbackIf(q, `SELECT 1 FROM access_token WHERE 'integration' = ANY(roles)`, "tokens of the integration role exist (revoke and delete them)");
    await q.query(`ALTER TABLE payment_operation DROP COLUMN reported_state`);
    await q.query(`ALTER TABLE access_token DROP CONSTRAINT access_token_roles_known`);
    await q.query(`ALTER TABLE access_token ADD CONSTRAINT access_token_roles_known
      CHECK (roles <@ ARRAY['viewer', 'operator', 'admin']::text[] AND cardinality(roles) > 0)`);
  }
}
