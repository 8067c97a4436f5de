import type { AppDataSource } from "../../src/database/data-source";
import { CancellationStore, type CancellationPosting } from "../../src/stores/cancellation-store";
import { OperationStore } from "../../src/stores/operation-store";
import { planOf, statementRecorder } from "../support/query-plans";
import { openTestDatabase } from "../support/test-database";

/**
 * The reads of an operation's cancellation and of a payment's operations are planned on indexes,
 * never as a sequential scan of `payment_cancellation` or `payment_operation`, so that they cost
 * the same however large the ledger has grown: phase 3 of a cancel posts the cancellation its
 * operation wrote, a cancel that ends without success removes it, phase 1 looks for an open
 * operation of the payment, `Payment.operations` lists a payment's operations, operators list
 * the operations needing attention, and each scrape of the metrics counts the open operations. The tables get
 * enough rows for a sequential scan to be a real option (ANALYZE after loading them), and each
 * statement is the one the store sent, with its parameters, read back through EXPLAIN. Runs on the
 * embedded database and on PostgreSQL alike.
 */
const CANCELLATIONS = 20_000;

let dataSource: AppDataSource;
let recordStatements: ReturnType<typeof statementRecorder>;

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
  await dataSource.query(
    `INSERT INTO payment_operation (payment_id, operation, status, request_fingerprint, vendor_request, prepared, actor, result, completed_at)
     SELECT p.id, 'CANCEL', 'SUCCEEDED', repeat('0', 64), '{}', '{}', 'plans', '{}', p.issued_on + interval '1 hour'
       FROM payment p WHERE p.number LIKE 'CPLAN-%'`,
  );
  await dataSource.query(`ANALYZE`);
  recordStatements = statementRecorder(dataSource);
}, 120_000);

afterAll(async () => {
  await dataSource?.destroy();
});

const POSTING: CancellationPosting = {
  postedOn: "now", issuedOn: null, gatewayName: null, gatewayReferenceNumber: null, backOfficeCode: null,
  vendorRecord: { known: true, number: "PLAN-V-1", referenceNumber: "PLAN-VR-1", vendorId: "V1" }, vendorAmount: "1.00",
  vendorCurrencyRatePeriod: { id: "EUR-1", rate: "1", inverseRate: "1", fromDate: "2000-01-01", toDate: null, currencyCode: "EUR" },
};

type Read = (stores: { cancellations: CancellationStore; operations: OperationStore }, ids: { operationId: string; paymentId: string }) => Promise<unknown>;

describe.each<[string, string, Read, string | string[]]>([
  ["posting an operation's cancellation", "payment_cancellation", (stores, { operationId }) => stores.cancellations.postOfOperation(operationId, POSTING), "payment_cancellation_operation_id_key"],
  ["removing an operation's pending cancellation", "payment_cancellation", (stores, { operationId }) => stores.cancellations.releasePending(operationId), "payment_cancellation_operation_id_key"],
  ["listing a payment's operations", "payment_operation", (stores, { paymentId }) => stores.operations.ofPayments([paymentId]), "payment_operation_payment_idx"],
  ["finding a payment's open operation", "payment_operation", (stores, { paymentId }) => stores.operations.openOf([paymentId]), "payment_operation_one_open"],
  ["listing the operations needing attention", "payment_operation", (stores) => stores.operations.needingAttention(50, { resellerIds: "all" }), "payment_operation_needing_attention_idx"],
  [
    "counting the open operations (the metrics' scrape)",
    "payment_operation",
    (stores) => stores.operations.countOpen(),
    ["payment_operation_in_progress_idx", "payment_operation_needing_attention_idx"],
  ],
])("%s", (_name, table, read, indexes) => {
  it(`reads ${table} through an index, whatever the table's size`, async () => {
    const [{ operationId, paymentId }] = await dataSource.query(
      `SELECT o.id AS "operationId", o.payment_id AS "paymentId" FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = 'CPLAN-777'`,
    );
    const statements = await recordStatements(() => read({ cancellations: new CancellationStore(dataSource.manager), operations: new OperationStore(dataSource.manager) }, { operationId, paymentId }));
    expect(statements).toHaveLength(1);
    const plan = (await planOf(dataSource, statements[0])).filter((node) => node["Relation Name"] === table);
    expect(plan.map((node) => node["Node Type"])).not.toContain("Seq Scan");
    expect(plan.map((node) => node["Index Name"])).toEqual(expect.arrayContaining([indexes].flat()));
  });
});
