import type { MigrationInterface, QueryRunner } from "typeorm";

/** Domain model: resellers, currencies and rate periods, lookups, payments, cancellations, events. */
export class InitialSchema1763700000000 implements MigrationInterface {
  name = "InitialSchema1763700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE TYPE currency_life_cycle_state AS ENUM ('EFFECTIVE', 'NOT_EFFECTIVE')`);
    await q.query(`CREATE TYPE payment_state AS ENUM ('DRAFT', 'PENDING', 'AUTHORIZED', 'WAITING_FOR_PAYMENT',
      'POSTED', 'PENDING_VERIFICATION', 'CANCELLED', 'REJECTED')`);
    await q.query(`CREATE TYPE payment_model AS ENUM ('PREPAID', 'POSTPAID')`);
    await q.query(`CREATE TYPE vendor_code AS ENUM ('convergegate', 'planocore', 'activeplatform', 'crmcom')`);
    await q.query(`CREATE TYPE payment_cancellation_state AS ENUM ('POSTED')`);

    await q.query(`CREATE TABLE reseller (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code varchar(64) NOT NULL,
      name varchar(200) NOT NULL,
      parent_id uuid REFERENCES reseller(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT reseller_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
    )`);
    await q.query(`CREATE UNIQUE INDEX reseller_code_key ON reseller (code)`);
    await q.query(`CREATE INDEX reseller_parent_id_idx ON reseller (parent_id)`);

    await q.query(`CREATE TABLE currency (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code char(3) NOT NULL CONSTRAINT currency_code_key UNIQUE CONSTRAINT currency_code_format CHECK (code ~ '^[A-Z]{3}$'),
      prefix_symbol varchar(8),
      suffix_symbol varchar(8),
      life_cycle_state currency_life_cycle_state NOT NULL,
      integer_part_name varchar(50) NOT NULL,
      decimal_part_name varchar(50) NOT NULL,
      minor_unit_digits smallint NOT NULL CONSTRAINT currency_minor_unit_digits_range CHECK (minor_unit_digits BETWEEN 0 AND 4)
    )`);

    await q.query(`CREATE TABLE currency_rate_period (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      currency_id uuid NOT NULL REFERENCES currency(id),
      rate numeric(24, 12) NOT NULL CONSTRAINT currency_rate_period_rate_positive CHECK (rate > 0),
      inverse_rate numeric(24, 12) NOT NULL CONSTRAINT currency_rate_period_inverse_rate_positive CHECK (inverse_rate > 0),
      from_date date NOT NULL,
      to_date date,
      CONSTRAINT currency_rate_period_dates_ordered CHECK (to_date IS NULL OR to_date >= from_date),
      CONSTRAINT currency_rate_period_no_overlap EXCLUDE USING gist (
        currency_id WITH =, daterange(from_date, to_date, '[]') WITH &&
      )
    )`);

    await q.query(`CREATE TABLE financial_transaction_type (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(100) NOT NULL CONSTRAINT financial_transaction_type_name_key UNIQUE,
      alternative_code varchar(50) NOT NULL CONSTRAINT financial_transaction_type_alternative_code_key UNIQUE
    )`);
    await q.query(`CREATE TABLE financial_transaction_category (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(100) NOT NULL CONSTRAINT financial_transaction_category_name_key UNIQUE,
      code varchar(50) NOT NULL CONSTRAINT financial_transaction_category_code_key UNIQUE
    )`);
    await q.query(`CREATE TABLE rejection_reason (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(100) NOT NULL CONSTRAINT rejection_reason_name_key UNIQUE,
      alternative_code varchar(50) NOT NULL CONSTRAINT rejection_reason_alternative_code_key UNIQUE
    )`);

    await q.query(`CREATE TABLE payment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number varchar(64) NOT NULL CONSTRAINT payment_number_key UNIQUE,
      reference_number varchar(64) NOT NULL CONSTRAINT payment_reference_number_key UNIQUE,
      back_office_code varchar(64) CONSTRAINT payment_back_office_code_key UNIQUE,
      life_cycle_state payment_state NOT NULL,
      issued_on timestamptz(3) NOT NULL,
      posted_on timestamptz(3),
      amount numeric(19, 4) NOT NULL CONSTRAINT payment_amount_positive CHECK (amount > 0),
      currency_id uuid NOT NULL REFERENCES currency(id),
      currency_rate_period_id uuid REFERENCES currency_rate_period(id),
      payment_model payment_model NOT NULL,
      reseller_id uuid NOT NULL REFERENCES reseller(id),
      vendor_code vendor_code NOT NULL,
      vendor_payment_id varchar(64) NOT NULL,
      gateway_name varchar(100),
      gateway_reference_number varchar(100),
      rejection_reason_id uuid REFERENCES rejection_reason(id),
      closed_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT payment_vendor_payment_id_key UNIQUE (vendor_code, vendor_payment_id),
      CONSTRAINT payment_convergegate_id_format CHECK (
        vendor_code <> 'convergegate' OR vendor_payment_id ~ '^[a-zA-Z0-9]{32}$'),
      CONSTRAINT payment_numeric_vendor_id_format CHECK (
        vendor_code NOT IN ('planocore', 'activeplatform') OR vendor_payment_id ~ '^[1-9][0-9]{0,17}$')
    )`);
    await q.query(`CREATE INDEX payment_issued_on_id_idx ON payment (issued_on DESC, id DESC)`);
    await q.query(`CREATE INDEX payment_reseller_id_idx ON payment (reseller_id)`);
    await q.query(`CREATE INDEX payment_currency_id_idx ON payment (currency_id)`);
    await q.query(`CREATE INDEX payment_life_cycle_state_idx ON payment (life_cycle_state)`);

    await q.query(`CREATE SEQUENCE payment_cancellation_number_seq`);
    await q.query(`CREATE TABLE payment_cancellation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      payment_id uuid NOT NULL REFERENCES payment(id) CONSTRAINT payment_cancellation_payment_id_key UNIQUE,
      number varchar(64) NOT NULL CONSTRAINT payment_cancellation_number_key UNIQUE,
      reference_number varchar(64) NOT NULL CONSTRAINT payment_cancellation_reference_number_key UNIQUE,
      life_cycle_state payment_cancellation_state NOT NULL DEFAULT 'POSTED',
      issued_on timestamptz(3) NOT NULL,
      posted_on timestamptz(3) NOT NULL,
      amount numeric(19, 4) NOT NULL CONSTRAINT payment_cancellation_amount_positive CHECK (amount > 0),
      financial_transaction_type_id uuid NOT NULL REFERENCES financial_transaction_type(id),
      financial_transaction_category_id uuid REFERENCES financial_transaction_category(id),
      currency_rate_period_id uuid REFERENCES currency_rate_period(id),
      notes text,
      back_office_code varchar(64) CONSTRAINT payment_cancellation_back_office_code_key UNIQUE,
      issue_reason text,
      ${[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `udf_string_${i} varchar(255),`).join("\n      ")}
      ${[1, 2, 3, 4].map((i) => `udf_float_${i} numeric(30, 10),`).join("\n      ")}
      ${[1, 2, 3, 4].map((i) => `udf_date_${i} date,`).join("\n      ")}
      gateway_name varchar(100),
      gateway_reference_number varchar(100),
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE TABLE payment_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      payment_id uuid NOT NULL REFERENCES payment(id),
      operation_id uuid,
      type varchar(40) NOT NULL,
      actor varchar(100) NOT NULL,
      from_state payment_state,
      to_state payment_state,
      vendor_outcome varchar(20),
      detail text,
      occurred_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX payment_event_payment_id_occurred_at_idx ON payment_event (payment_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "payment_event",
      "payment_cancellation",
      "payment",
      "rejection_reason",
      "financial_transaction_category",
      "financial_transaction_type",
      "currency_rate_period",
      "currency",
      "reseller",
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP SEQUENCE payment_cancellation_number_seq`);
    for (const type of ["payment_cancellation_state", "vendor_code", "payment_model", "payment_state", "currency_life_cycle_state"]) {
      await q.query(`DROP TYPE ${type}`);
    }
  }
}
