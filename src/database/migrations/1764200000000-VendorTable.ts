import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Vendors become rows instead of a PostgreSQL enum: a payment's vendor code is text that must name
 * a row of `vendor`, and its vendor payment id must match that vendor's `payment_id_format`. The
 * application writes one row per installed vendor module at start, so adding a vendor needs no
 * migration. The four vendors known so far are written here, so existing payments keep theirs.
 */
export class VendorTable1764200000000 implements MigrationInterface {
  name = "VendorTable1764200000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE vendor (
      code text PRIMARY KEY CONSTRAINT vendor_code_format CHECK (code ~ '^[a-z][a-z0-9]{1,30}$'),
      payment_id_format text
    )`);
    await q.query(`INSERT INTO vendor (code, payment_id_format) VALUES
      ('convergegate', '^[a-zA-Z0-9]{32}$'),
      ('planocore', '^[1-9][0-9]{0,17}$'),
      ('activeplatform', '^[1-9][0-9]{0,17}$'),
      ('crmcom', NULL)`);

    await q.query(`ALTER TABLE payment DROP CONSTRAINT payment_convergegate_id_format, DROP CONSTRAINT payment_numeric_vendor_id_format`);
    // The trigger that copies the payment's vendor names the column: it is set aside while the type changes.
    await q.query(`DROP TRIGGER payment_cancellation_vendor_code ON payment_cancellation`);
    await q.query(`ALTER TABLE payment ALTER COLUMN vendor_code TYPE text USING vendor_code::text`);
    await q.query(`ALTER TABLE payment_cancellation ALTER COLUMN vendor_code TYPE text USING vendor_code::text`);
    await q.query(`CREATE TRIGGER payment_cancellation_vendor_code BEFORE INSERT OR UPDATE OF payment_id, vendor_code ON payment_cancellation
      FOR EACH ROW EXECUTE FUNCTION payment_cancellation_vendor_code()`);
    await q.query(`DROP TYPE vendor_code`);
    await q.query(`ALTER TABLE payment ADD CONSTRAINT payment_vendor_code_fkey FOREIGN KEY (vendor_code) REFERENCES vendor (code)`);
    await q.query(`ALTER TABLE payment_cancellation ADD CONSTRAINT payment_cancellation_vendor_code_fkey FOREIGN KEY (vendor_code) REFERENCES vendor (code)`);

    await q.query(`CREATE FUNCTION payment_vendor_payment_id_format() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE format text;
      BEGIN
        SELECT payment_id_format INTO format FROM vendor WHERE code = NEW.vendor_code;
        IF format IS NOT NULL AND NEW.vendor_payment_id !~ format THEN
          RAISE EXCEPTION 'vendor payment id % does not match the format of vendor %', NEW.vendor_payment_id, NEW.vendor_code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_vendor_payment_id_format', TABLE = 'payment';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER payment_vendor_payment_id_format BEFORE INSERT OR UPDATE OF vendor_code, vendor_payment_id ON payment
      FOR EACH ROW EXECUTE FUNCTION payment_vendor_payment_id_format()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER payment_vendor_payment_id_format ON payment`);
    await q.query(`DROP FUNCTION payment_vendor_payment_id_format()`);
    await q.query(`ALTER TABLE payment_cancellation DROP CONSTRAINT payment_cancellation_vendor_code_fkey`);
    await q.query(`ALTER TABLE payment DROP CONSTRAINT payment_vendor_code_fkey`);
    await q.query(`CREATE TYPE vendor_code AS ENUM ('convergegate', 'planocore', 'activeplatform', 'crmcom')`);
    // The trigger that copies the payment's vendor names the column: it is set aside while the type changes.
    await q.query(`DROP TRIGGER payment_cancellation_vendor_code ON payment_cancellation`);
    await q.query(`ALTER TABLE payment ALTER COLUMN vendor_code TYPE vendor_code USING vendor_code::vendor_code`);
    await q.query(`ALTER TABLE payment_cancellation ALTER COLUMN vendor_code TYPE vendor_code USING vendor_code::vendor_code`);
    await q.query(`CREATE TRIGGER payment_cancellation_vendor_code BEFORE INSERT OR UPDATE OF payment_id, vendor_code ON payment_cancellation
      FOR EACH ROW EXECUTE FUNCTION payment_cancellation_vendor_code()`);
    await q.query(`ALTER TABLE payment
      ADD CONSTRAINT payment_convergegate_id_format CHECK (vendor_code <> 'convergegate' OR vendor_payment_id ~ '^[a-zA-Z0-9]{32}$'),
      ADD CONSTRAINT payment_numeric_vendor_id_format CHECK (vendor_code NOT IN ('planocore', 'activeplatform') OR vendor_payment_id ~ '^[1-9][0-9]{0,17}$')`);
    await q.query(`DROP TABLE vendor`);
  }
}
