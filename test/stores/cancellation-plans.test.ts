import { randomUUID } from "node:crypto";
import type { AppDataSource } from "../../src/database/data-source";
import { CancellationStore } from "../../src/stores/cancellation-store";
import { openTestDatabase } from "../support/test-database";

/**
 * A cancel finds the cancellation its operation wrote by the operation's id: phase 3 posts it, a
 * cancel that ends without success removes it. Those statements are planned on an index, never as
 * a sequential scan of `payment_cancellation`, so that a cancel costs the same however many
 * cancellations the table holds. The table gets enough rows for a sequential scan to be a real
 * option (ANALYZE after loading them), and each statement is the one the store sent, with its
 * parameters, read back through EXPLAIN. Runs on the embedded database and on PostgreSQL alike.
 */
const CANCELLATIONS = 20_000;

let dataSource: AppDataSource;
let sent: Array<{ text: string; params: unknown[] }> | null = null;

beforeAll(async () => {
  dataSource = await openTestDatabase();
  await dataSource.query(
    `WITH r AS (SELECT array_agg(id ORDER BY code) AS ids FROM reseller),
          c AS (SELECT id FROM currency WHERE code = 'EUR')
     INSERT INTO payment (number, reference_number, life_cycle_state, issued_on, amount, currency_id, payment_model, reseller_id, vendor_code, vendor_payment_id)
     SELECT 'CPLAN-' || g.i, 'CPLAN-REF-' || g.i, 'CANCELLED', timestamptz '2025-01-01T00:00:00Z' + g.i * interval '4 minutes',
            ((g.i * 37) % 99999 + 1)::numeric / 100, c.id, 'PREPAID', r.ids[1 + g.i % cardinality(r.ids)], 'crmcom', upper(md5('cplan' || g.i))
       FROM generate_series(1, $1) g(i), r, c`,
    [CANCELLATIONS],
  );
  await dataSource.query(
    `INSERT INTO payment_cancellation (payment_id, vendor_code, number, reference_number, life_cycle_state, issued_on, amount, financial_transaction_type_id)
     SELECT p.id, p.vendor_code, 'CPLAN-C-' || p.number, 'CPLAN-CR-' || p.number, 'POSTED', p.issued_on, p.amount,
            (SELECT id FROM financial_transaction_type ORDER BY name LIMIT 1)
       FROM payment p WHERE p.number LIKE 'CPLAN-%'`,
  );
  await dataSource.query(`ANALYZE`);
  const logQuery = dataSource.logger.logQuery.bind(dataSource.logger);
  dataSource.logger.logQuery = (text, params, runner) => {
    sent?.push({ text, params: (params ?? []) as unknown[] });
    logQuery(text, params, runner);
  };
}, 120_000);

afterAll(async () => {
  await dataSource?.destroy();
});

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function planOf(statement: { text: string; params: unknown[] }): Promise<PlanNode[]> {
  const [row] = await dataSource.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.params);
  const explained = typeof row["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row["QUERY PLAN"];
  return nodes(explained[0].Plan);
}

describe.each<[string, (store: CancellationStore, operationId: string) => Promise<unknown>]>([
  ["finding an operation's cancellation", (store, operationId) => store.ofOperation(operationId)],
  ["removing an operation's pending cancellation", (store, operationId) => store.releasePending(operationId)],
])("%s", (_name, work) => {
  it("reads payment_cancellation through the operation's index, whatever the table's size", async () => {
    const statements: Array<{ text: string; params: unknown[] }> = (sent = []);
    await work(new CancellationStore(dataSource.manager), randomUUID());
    sent = null;
    expect(statements).toHaveLength(1);
    const plan = (await planOf(statements[0])).filter((node) => node["Relation Name"] === "payment_cancellation");
    expect(plan.map((node) => node["Node Type"])).not.toContain("Seq Scan");
    expect(plan.map((node) => node["Index Name"])).toContain("payment_cancellation_operation_id_key");
  });
});
