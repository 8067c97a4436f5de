import type { QueryRunner } from "typeorm";
import type { AppDataSource } from "../../src/database/data-source";
import { OperationIndexes1764700000000 } from "../../src/database/migrations/1764700000000-OperationIndexes";
import { PaymentSearchIndexes1764750000000 } from "../../src/database/migrations/1764750000000-PaymentSearchIndexes";
import { inRolledBackTransaction, openTestDatabase } from "../support/test-database";

/**
 * The migrations that only add indexes can find them built already: an operator of a large ledger
 * builds them beforehand with CREATE INDEX CONCURRENTLY (docs/deploying.md), which does not hold
 * off writes, and then runs `npm run migrate`.
 */
let dataSource: AppDataSource;
beforeAll(async () => {
  dataSource = await openTestDatabase();
});
afterAll(() => dataSource.destroy());

const INDEXES = [
  "payment_cancellation_operation_id_key",
  "payment_operation_payment_idx",
  "payment_operation_needing_attention_idx",
  "payment_back_office_code_idx",
  "payment_vendor_payment_id_idx",
];

async function definitions(q: QueryRunner): Promise<Record<string, string>> {
  const rows: Array<{ indexname: string; indexdef: string }> = await q.query(`SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY($1)`, [INDEXES]);
  return Object.fromEntries(rows.map((row) => [row.indexname, row.indexdef]));
}

describe("the migrations that add indexes", () => {
  it("roll back and forward, leaving each index as it was", async () => {
    await inRolledBackTransaction(dataSource, async (q) => {
      const before = await definitions(q);
      expect(Object.keys(before).sort()).toEqual([...INDEXES].sort());
      await new PaymentSearchIndexes1764750000000().down(q);
      await new OperationIndexes1764700000000().down(q);
      expect(await definitions(q)).toEqual({});
      await new OperationIndexes1764700000000().up(q);
      await new PaymentSearchIndexes1764750000000().up(q);
      expect(await definitions(q)).toEqual(before);
    });
  });

  it("find the indexes an operator built beforehand, and leave them as built", async () => {
    await inRolledBackTransaction(dataSource, async (q) => {
      const before = await definitions(q);
      await new PaymentSearchIndexes1764750000000().down(q);
      await new OperationIndexes1764700000000().down(q);
      // CREATE INDEX CONCURRENTLY cannot run in a transaction; the same definitions stand in for it here.
      for (const definition of Object.values(before)) await q.query(definition);
      await new OperationIndexes1764700000000().up(q);
      await new PaymentSearchIndexes1764750000000().up(q);
      expect(await definitions(q)).toEqual(before);
    });
  });
});
