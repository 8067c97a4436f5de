import { INSTALLED_VENDORS } from "./installed-vendors";
import type { AnyVendorModule } from "./vendor-module";

/** What writing the vendor table needs of a database connection. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Writes one row per vendor module into `vendor`, which payments' vendor codes reference and whose
 * id format the database checks: run at start, so an added vendor needs no migration.
 */
export async function recordVendors(db: SqlRunner, modules: readonly AnyVendorModule[] = INSTALLED_VENDORS): Promise<void> {
  await db.query(
    `INSERT INTO vendor (code, payment_id_format) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (code) DO UPDATE SET payment_id_format = EXCLUDED.payment_id_format
     WHERE vendor.payment_id_format IS DISTINCT FROM EXCLUDED.payment_id_format`,
    [modules.map((module) => module.code), modules.map((module) => module.paymentIdFormat)],
  );
}
