import type { QueryRunner } from "typeorm";

/**
 * A rollback that would lose ledger rows or break a constraint it restores refuses before it
 * changes anything, naming what to settle first.
 */
export async function refuseRollbackIf(q: QueryRunner, query: string, why: string): Promise<void> {
  const rows = (await q.query(query)) as unknown[];
  if (rows.length > 0) throw new Error(`This migration cannot be rolled back: ${why}. Settle those rows first.`);
}
