import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Every change that can alter what a token may do is announced on the `access_changes` channel
 * when it commits: a token revoked, expired, given other roles, another reseller or deleted, and
 * a reseller added, moved in the tree or deleted (which changes reaches). Instances that keep
 * checked tokens for a few seconds (TOKEN_CACHE_MS) listen and forget them at once. A token's
 * last use is not a change of access and is not announced.
 */
export class AccessChangeNotifications1764300000000 implements MigrationInterface {
  name = "AccessChangeNotifications1764300000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION announce_access_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('access_changes', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER access_token_changed
      AFTER UPDATE OF revoked_at, expires_at, roles, reseller_id, kind, remember_me, secret_hash, prefix OR DELETE OR TRUNCATE ON access_token
      FOR EACH STATEMENT EXECUTE FUNCTION announce_access_change()`);
    await q.query(`CREATE TRIGGER reseller_changed
      AFTER INSERT OR UPDATE OF parent_id, code, name OR DELETE OR TRUNCATE ON reseller
      FOR EACH STATEMENT EXECUTE FUNCTION announce_access_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER reseller_changed ON reseller`);
    await q.query(`DROP TRIGGER access_token_changed ON access_token`);
    await q.query(`DROP FUNCTION announce_access_change()`);
  }
}
