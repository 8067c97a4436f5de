import type { AppDataSource } from "../../src/database/data-source";
import type { PaymentCriteria } from "../../src/domain/identifiers";
import type { PaymentReach } from "../../src/domain/reach";
import { PaymentStore } from "../../src/stores/payment-store";
import { planOf as explain, statementRecorder, type SentStatement } from "../support/query-plans";
import { openTestDatabase } from "../support/test-database";

/**
 * The statements a payments listing runs are planned on indexes, never as a sequential scan of
 * `payment`: each filter alone, state + vendor + a reseller subtree together, on the first page and
 * after a cursor, and the count. The planner judges by the table's statistics, so the table gets
 * enough rows for a sequential scan to be a real option (ANALYZE after loading them), and each
 * statement is the one the store sent, with its parameters, read back through EXPLAIN.
 * Runs on the embedded database and on PostgreSQL alike (the same planner).
 */
const PAYMENTS = 30_000;
/**
 * The count's cap, scaled with the table: the API's 10,000 is 1% of a million payments; 100 is
 * less than that of these. A count that must read most of a small table is rightly a sequential
 * scan; one that stops at a cap far below the table's size must not be.
 */
const COUNT_CAP = 100;

let dataSource: AppDataSource;
let acmeSubtree: PaymentReach;
let recordStatements: ReturnType<typeof statementRecorder>;

beforeAll(async () => {
  dataSource = await openTestDatabase();
  await dataSource.query(
    `WITH r AS (SELECT array_agg(id ORDER BY code) AS ids FROM reseller),
          c AS (SELECT array_agg(id ORDER BY code) AS ids FROM currency WHERE code IN ('EUR', 'USD', 'JPY')),
          g AS (SELECT i, i % 5 AS v FROM generate_series(1, $1) i)
     INSERT INTO payment (number, reference_number, life_cycle_state, issued_on, amount, currency_id, payment_model, reseller_id, vendor_code, vendor_payment_id)
     SELECT 'PLAN-' || g.i, 'PLAN-REF-' || g.i,
            (CASE g.v WHEN 0 THEN 'AUTHORIZED' WHEN 1 THEN 'PENDING' WHEN 2 THEN 'WAITING_FOR_PAYMENT' ELSE (CASE WHEN g.i % 10 < 8 THEN 'POSTED' ELSE 'DRAFT' END) END)::payment_state,
            timestamptz '2025-01-01T00:00:00Z' + g.i * interval '4 minutes', ((g.i * 37) % 99999 + 1)::numeric / 100, c.ids[1 + g.i % 3],
            'PREPAID', r.ids[1 + g.i % cardinality(r.ids)],
            (CASE g.v WHEN 0 THEN 'convergegate' WHEN 1 THEN 'planocore' WHEN 2 THEN 'activeplatform' ELSE 'crmcom' END),
            CASE g.v WHEN 0 THEN md5('plan' || g.i) WHEN 3 THEN upper(md5('plan' || g.i)) WHEN 4 THEN upper(md5('plan' || g.i)) ELSE (200000 + g.i)::text END
       FROM g, r, c`,
    [PAYMENTS],
  );
  await dataSource.query(`ANALYZE`);
  const subtree: Array<{ id: string }> = await dataSource.query(
    `WITH RECURSIVE t(id) AS (SELECT id FROM reseller WHERE code = 'acme' UNION SELECT r.id FROM reseller r JOIN t ON r.parent_id = t.id) SELECT id FROM t`,
  );
  acmeSubtree = { resellerIds: subtree.map((row) => row.id) };
  recordStatements = statementRecorder(dataSource);
}, 120_000);

afterAll(async () => {
  await dataSource?.destroy();
});

/** The plan PostgreSQL makes for a statement as it was sent. */
const planOf = (statement: SentStatement) => explain(dataSource, statement);

/** Lists the first page, the page after it and the count, and answers the statements the store sent. */
async function listingStatements(filter: PaymentCriteria, reach: PaymentReach) {
  const store = new PaymentStore(dataSource.manager);
  let rows = 0;
  const statements = await recordStatements(async () => {
    const first = await store.list({ filter, size: 100, countCap: COUNT_CAP }, reach);
    await first.count();
    await store.list({ filter, size: 100, after: first.pageInfo.endCursor ?? undefined, countCap: COUNT_CAP }, reach);
    rows = first.edges.length;
  });
  expect(statements).toHaveLength(3);
  return { statements, rows };
}

const everyone: PaymentReach = { resellerIds: "all" };

describe.each<[string, PaymentCriteria, "all" | "acme"]>([
  ["no filter", {}, "all"],
  ["one state", { states: ["DRAFT" as never] }, "all"],
  ["two states", { states: ["DRAFT" as never, "AUTHORIZED" as never] }, "all"],
  ["a vendor", { vendor: "planocore" }, "all"],
  ["a currency", { currencyCode: "JPY" }, "all"],
  ["a reseller", { resellerCode: "acme-cyprus" }, "all"],
  ["issued from", { issuedFrom: new Date("2025-02-01T00:00:00Z") }, "all"],
  ["issued before", { issuedBefore: new Date("2025-02-01T00:00:00Z") }, "all"],
  ["an amount range", { amountMin: "100", amountMax: "110" }, "all"],
  ["a minimum amount", { amountMin: "990" }, "all"],
  ["a maximum amount", { amountMax: "5" }, "all"],
  ["a reseller subtree", {}, "acme"],
  ["state + vendor + a reseller subtree", { states: ["POSTED" as never], vendor: "crmcom" }, "acme"],
])("a payments listing with %s", (_name, filter, reach) => {
  it("reads payment through indexes only, on the first page, after a cursor and for the count", async () => {
    const { statements, rows } = await listingStatements(filter, reach === "acme" ? acmeSubtree : everyone);
    expect(rows).toBeGreaterThan(0);
    for (const statement of statements) {
      const plan = await planOf(statement);
      const onPayment = plan.filter((node) => node["Relation Name"] === "payment");
      expect(onPayment.length).toBeGreaterThan(0);
      expect(onPayment.filter((node) => node["Node Type"] === "Seq Scan").map(() => statement.text)).toEqual([]);
    }
  });
});

/**
 * A search compares the text with four columns; each comparison must be an index's leading
 * column, so that the search reads the few rows that match: an index that merely contains the
 * column behind another (the back office code behind the reseller, the vendor's payment id behind
 * the vendor) is read whole.
 */
const SEARCH_INDEXES = ["payment_number_key", "payment_reference_number_key", "payment_back_office_code_idx", "payment_vendor_payment_id_idx"];

describe.each<[string, string]>([
  ["a payment number", "PLAN-777"],
  ["a vendor's payment id", String(200_000 + 776)],
  ["nothing", "PLAN-NONE"],
])("a payments search matching %s", (_name, search) => {
  it("reads payment through the four searched columns' own indexes", async () => {
    const { statements } = await listingStatements({ search }, everyone);
    for (const statement of statements) {
      const plan = await planOf(statement);
      expect(plan.filter((node) => node["Relation Name"] === "payment" && node["Node Type"] === "Seq Scan")).toEqual([]);
      const indexes = plan.map((node) => node["Index Name"]).filter((name): name is string => name !== undefined);
      expect(indexes.length).toBeGreaterThan(0);
      expect(indexes.filter((name) => !SEARCH_INDEXES.includes(name))).toEqual([]);
    }
  });
});
