import type { MigrationInterface, QueryRunner } from "typeorm";

/** Bearer tokens (API keys and sessions), stored as hashes, and who acted on each event. */
export class AccessTokens1763900000000 implements MigrationInterface {
  name = "AccessTokens1763900000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE access_token_kind AS ENUM ('API_KEY', 'SESSION')`);
    await q.query(`CREATE TABLE access_token (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      prefix varchar(32) NOT NULL CONSTRAINT access_token_prefix_key UNIQUE,
      secret_hash char(64) NOT NULL,
      kind access_token_kind NOT NULL,
      reseller_id uuid NOT NULL REFERENCES reseller(id),
      roles text[] NOT NULL CONSTRAINT access_token_roles_known CHECK (roles <@ ARRAY['viewer', 'operator', 'admin']::text[] AND cardinality(roles) > 0),
      remember_me boolean NOT NULL DEFAULT false,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      last_used_at timestamptz(3),
      expires_at timestamptz(3),
      revoked_at timestamptz(3)
    )`);
    await q.query(`ALTER TABLE payment_event ADD COLUMN actor_reseller_id uuid REFERENCES reseller(id)`);
    await q.query(`ALTER TABLE payment_operation ADD COLUMN actor_reseller_id uuid REFERENCES reseller(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment_operation DROP COLUMN actor_reseller_id`);
    await q.query(`ALTER TABLE payment_event DROP COLUMN actor_reseller_id`);
    await q.query(`DROP TABLE access_token`);
    await q.query(`DROP TYPE access_token_kind`);
  }
}
