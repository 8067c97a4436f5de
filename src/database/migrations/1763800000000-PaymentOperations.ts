import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Operations on payments (void, cancel, reject): each attempt is recorded before the vendor is
 * called, keyed by its idempotency key, and completed with its stored result afterwards.
 */
export class PaymentOperations1763800000000 implements MigrationInterface {
  name = "PaymentOperations1763800000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment ADD COLUMN vendor_reseller_id varchar(64)`);
    await q.query(`CREATE TYPE payment_operation_kind AS ENUM ('VOID', 'CANCEL', 'REJECT')`);
    await q.query(`CREATE TYPE payment_operation_status AS ENUM ('IN_PROGRESS', 'SUCCEEDED', 'REFUSED')`);
    await q.query(`CREATE TABLE payment_operation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      payment_id uuid NOT NULL REFERENCES payment(id),
      operation payment_operation_kind NOT NULL,
      status payment_operation_status NOT NULL DEFAULT 'IN_PROGRESS',
      idempotency_scope varchar(100) NOT NULL DEFAULT '',
      idempotency_key varchar(200),
      request_fingerprint char(64) NOT NULL,
      vendor_request jsonb NOT NULL,
      prepared jsonb NOT NULL,
      reserved_back_office_code varchar(64),
      result jsonb,
      actor varchar(100) NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      lease_until timestamptz(3),
      last_error text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      completed_at timestamptz(3),
      CONSTRAINT payment_operation_result_when_done CHECK ((status = 'IN_PROGRESS') = (result IS NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX payment_operation_idempotency_key ON payment_operation (idempotency_scope, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX payment_operation_one_in_progress ON payment_operation (payment_id)
      WHERE status = 'IN_PROGRESS'`);
    await q.query(`CREATE UNIQUE INDEX payment_operation_back_office_code ON payment_operation (reserved_back_office_code)
      WHERE reserved_back_office_code IS NOT NULL AND status <> 'REFUSED'`);
    await q.query(`CREATE INDEX payment_operation_in_progress_idx ON payment_operation (lease_until) WHERE status = 'IN_PROGRESS'`);
    await q.query(`ALTER TABLE payment_event ADD CONSTRAINT payment_event_operation_id_fkey
      FOREIGN KEY (operation_id) REFERENCES payment_operation(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment_event DROP CONSTRAINT payment_event_operation_id_fkey`);
    await q.query(`DROP TABLE payment_operation`);
    await q.query(`DROP TYPE payment_operation_status`);
    await q.query(`DROP TYPE payment_operation_kind`);
    await q.query(`ALTER TABLE payment DROP COLUMN vendor_reseller_id`);
  }
}
