import { MigrationExecutor, type DataSource } from "typeorm";

/** A migration that failed: the ones before it are applied (each runs in its own transaction). */
export class MigrationFailedError extends Error {}

/**
 * Applies the pending migrations, each in its own transaction, and answers the names of those
 * applied, in order. When one fails, the error names it and the ones applied before it.
 */
export async function applyMigrations(dataSource: DataSource): Promise<string[]> {
  const executor = new MigrationExecutor(dataSource);
  const pending = (await executor.getPendingMigrations()).map((migration) => migration.name);
  try {
    return (await dataSource.runMigrations({ transaction: "each" })).map((migration) => migration.name);
  } catch (error) {
    const executed = new Set((await executor.getExecutedMigrations().catch(() => [])).map((migration) => migration.name));
    const applied = pending.filter((name) => executed.has(name));
    const failed = pending.find((name) => !executed.has(name)) ?? "a migration";
    const before = applied.length ? ` (applied before it: ${applied.join(", ")})` : "";
    throw new MigrationFailedError(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}${before}`, { cause: error });
  }
}
