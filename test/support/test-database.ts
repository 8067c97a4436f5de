import type { QueryRunner } from "typeorm";
import { createDataSource, type AppDataSource, type DataSourceOptions } from "../../src/database/data-source";
import { seedDemoData } from "../../src/stores/seed/seed-demo-data";
import { DEMO_PAYMENTS } from "../../src/vendors/demo-payments";
import { recordVendors } from "../../src/vendors/vendor-table";

export const EMBEDDED = !process.env.DATABASE_URL;

/** This jest worker's own database, migrated by the global setup. */
export function workerDatabaseUrl(): string {
  const urls: string[] = JSON.parse(process.env.TEST_DATABASE_URLS ?? "[]");
  if (urls.length === 0) throw new Error("TEST_DATABASE_URLS is not set: run the tests through jest");
  const worker = Number(process.env.JEST_WORKER_ID ?? "1");
  return urls[(worker - 1) % urls.length];
}

/** A data source on the worker's database, emptied and loaded with the demo data. */
export async function openTestDatabase(
  options: { seed?: boolean; reset?: boolean; url?: string; timeouts?: DataSourceOptions["timeouts"] } = {},
): Promise<AppDataSource> {
  const dataSource = createDataSource(options.url ?? workerDatabaseUrl(), { embedded: EMBEDDED, timeouts: options.timeouts });
  await dataSource.initialize();
  if (options.reset !== false) await resetDatabase(dataSource);
  await recordVendors(dataSource);
  if (options.seed !== false) await seedDemoData(dataSource, DEMO_PAYMENTS);
  return dataSource;
}

export async function resetDatabase(dataSource: AppDataSource): Promise<void> {
  const tables: Array<{ tablename: string }> = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration'`,
  );
  await dataSource.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

/**
 * Every row of every table of payment data, to show that a refused request changed nothing
 * (access tokens are left out: every authenticated request moves its token's last use).
 */
export async function snapshotDatabase(dataSource: AppDataSource): Promise<Record<string, unknown[]>> {
  const tables: Array<{ tablename: string }> = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_migration', 'access_token') ORDER BY tablename`,
  );
  const snapshot: Record<string, unknown[]> = {};
  for (const { tablename } of tables) {
    snapshot[tablename] = await dataSource.query(`SELECT * FROM "${tablename}" ORDER BY 1`);
  }
  return snapshot;
}

/** Runs `work` in a transaction that is always rolled back: the worker's database keeps its schema and rows. */
export async function inRolledBackTransaction(dataSource: AppDataSource, work: (q: QueryRunner) => Promise<void>): Promise<void> {
  const q = dataSource.createQueryRunner();
  await q.connect();
  await q.startTransaction();
  try {
    await work(q);
  } finally {
    await q.rollbackTransaction();
    await q.release();
  }
}
