import { Client } from "pg";
import { createAccessToken } from "../src/access/access-tokens";
import { createDataSource, DEFAULT_DATABASE_TIMEOUTS } from "../src/database/data-source";
import { seedDemoData } from "../src/stores/seed/seed-demo-data";
import { DEMO_PAYMENTS } from "../src/vendors/demo-payments";

export interface DatasetSize {
  /** Payments added beside the demo data. */
  payments: number;
  /** Resellers below `platform`, in three levels (so four with it): 10, 10 per first-level, the rest below. */
  resellersPerLevel: [number, number, number];
}

export const FULL_DATASET: DatasetSize = { payments: 100_000, resellersPerLevel: [10, 10, 9] };
export const SHORT_DATASET: DatasetSize = { payments: 4_000, resellersPerLevel: [3, 3, 3] };

export interface BenchDataset {
  url: string;
  /** An admin API key at `platform`: it reaches every reseller of the tree. */
  token: string;
  /** An operator's API key at `bench-1`, a first-level reseller: it reaches its subtree only (about a tenth of the payments). */
  subtreeToken: string;
  resellers: number;
  payments: number;
  /** Payment numbers to look up, spread over the whole table. */
  lookupNumbers: string[];
  /** CRM.COM POSTED prepaid payments, never cancelled yet: each cancel run takes its own slice. */
  cancelTargets: Array<{ number: string; vendorPaymentId: string; amount: string; currencyCode: string; issuedOn: string }>;
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A new, empty database of that name on `serverUrl`'s server (dropped first); its URL. */
export async function recreateDatabase(serverUrl: string, database: string): Promise<string> {
  const admin = new Client({ connectionString: databaseUrl(serverUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(serverUrl, database);
}

/** A new database on `serverUrl`'s server, migrated, with the demo data and a large data set. */
export async function prepareDataset(serverUrl: string, database: string, size: DatasetSize): Promise<BenchDataset> {
  const url = await recreateDatabase(serverUrl, database);
  // A million payments take longer to write than any request may: no statement or silence limit here.
  const timeouts = { ...DEFAULT_DATABASE_TIMEOUTS, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0, socketTimeoutMs: 0 };
  const dataSource = createDataSource(url, { poolSize: 2, applicationName: "payments-bench-loader", timeouts });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    await seedDemoData(dataSource, DEMO_PAYMENTS);
    const [l1, l2, l3] = size.resellersPerLevel;
    await dataSource.query(
      `INSERT INTO reseller (code, name, parent_id)
       SELECT 'bench-' || i, 'Bench reseller ' || i, (SELECT id FROM reseller WHERE code = 'platform') FROM generate_series(1, $1) i`,
      [l1],
    );
    await dataSource.query(
      `INSERT INTO reseller (code, name, parent_id)
       SELECT p.code || '-' || j, 'Bench reseller ' || p.code || '-' || j, p.id
         FROM reseller p CROSS JOIN generate_series(1, $1) j WHERE p.code ~ '^bench-[0-9]+$'`,
      [l2],
    );
    await dataSource.query(
      `INSERT INTO reseller (code, name, parent_id)
       SELECT p.code || '-' || j, 'Bench reseller ' || p.code || '-' || j, p.id
         FROM reseller p CROSS JOIN generate_series(1, $1) j WHERE p.code ~ '^bench-[0-9]+-[0-9]+$'`,
      [l3],
    );
    // Two in five payments are CRM.COM's, most of them POSTED prepaid: the cancel runs' targets.
    await dataSource.query(
      `WITH r AS (SELECT array_agg(id ORDER BY code) AS ids FROM reseller WHERE code LIKE 'bench-%'),
            c AS (SELECT array_agg(id ORDER BY code) AS ids FROM currency WHERE code IN ('EUR', 'JPY', 'USD')),
            g AS (SELECT i, i % 5 AS v, timestamptz '2025-01-01T00:00:00Z' + i * interval '4 minutes' AS issued FROM generate_series(1, $1) i)
       INSERT INTO payment (number, reference_number, life_cycle_state, issued_on, posted_on, amount, currency_id,
                            currency_rate_period_id, payment_model, reseller_id, vendor_code, vendor_payment_id, vendor_reseller_id)
       SELECT 'B' || lpad(g.i::text, 7, '0'), 'BREF-' || g.i,
              (CASE g.v WHEN 0 THEN (CASE WHEN g.i % 2 = 0 THEN 'AUTHORIZED' ELSE 'PENDING' END)
                        WHEN 1 THEN 'PENDING'
                        WHEN 2 THEN 'WAITING_FOR_PAYMENT'
                        ELSE (CASE WHEN g.i % 10 < 8 THEN 'POSTED' ELSE 'DRAFT' END) END)::payment_state,
              g.issued,
              CASE WHEN g.v >= 3 AND g.i % 10 < 8 THEN g.issued + interval '1 hour' END,
              (((g.i * 37) % 99999) + 1)::numeric / 100,
              c.ids[1 + g.i % 3],
              (SELECT p.id FROM currency_rate_period p WHERE p.currency_id = c.ids[1 + g.i % 3]
                  AND daterange(p.from_date, p.to_date, '[]') @> (g.issued AT TIME ZONE 'UTC')::date),
              (CASE WHEN g.i % 7 = 0 THEN 'POSTPAID' ELSE 'PREPAID' END)::payment_model,
              r.ids[1 + g.i % cardinality(r.ids)],
              (CASE g.v WHEN 0 THEN 'convergegate' WHEN 1 THEN 'planocore' WHEN 2 THEN 'activeplatform' ELSE 'crmcom' END)::text,
              CASE g.v WHEN 0 THEN md5('cg' || g.i) WHEN 1 THEN (100000 + g.i)::text WHEN 2 THEN (100000 + g.i)::text
                       ELSE upper(md5('crm' || g.i)) END,
              CASE WHEN g.v = 2 THEN '1' END
         FROM g, r, c`,
      [size.payments],
    );
    // A history for every third payment: what a page of payments with their events reads.
    await dataSource.query(
      `INSERT INTO payment_event (payment_id, type, actor, from_state, to_state, detail, occurred_at)
       SELECT p.id, t.type, 'bench', p.life_cycle_state, NULL, t.type, p.issued_on + t.after
         FROM payment p CROSS JOIN (VALUES ('PAYMENT_IMPORTED', interval '1 minute'), ('PAYMENT_REVIEWED', interval '2 minutes')) t(type, after)
        WHERE p.number LIKE 'B%' AND substring(p.number, 2)::int % 3 = 0`,
    );
    await dataSource.query(`ANALYZE`);
    const token = (await createAccessToken(dataSource, { resellerCode: "platform", roles: ["admin"] })).token;
    const subtreeToken = (await createAccessToken(dataSource, { resellerCode: "bench-1", roles: ["operator"] })).token;
    const lookupNumbers = (
      await dataSource.query<Array<{ number: string }>>(`SELECT number FROM payment WHERE number LIKE 'B%' ORDER BY md5(number) LIMIT 2000`)
    ).map((row) => row.number);
    const cancelTargets = await dataSource.query<BenchDataset["cancelTargets"]>(
        `SELECT p.number, p.vendor_payment_id AS "vendorPaymentId", p.amount::text AS amount, c.code AS "currencyCode",
                to_char(p.issued_on AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "issuedOn"
           FROM payment p JOIN currency c ON c.id = p.currency_id
          WHERE p.vendor_code = 'crmcom' AND p.life_cycle_state = 'POSTED' AND p.payment_model = 'PREPAID' AND p.number LIKE 'B%'
          ORDER BY p.number`,
    );
    const [{ count: resellers }] = await dataSource.query(`SELECT count(*)::int AS count FROM reseller`);
    const [{ count: payments }] = await dataSource.query(`SELECT count(*)::int AS count FROM payment`);
    return { url, token, subtreeToken, resellers, payments, lookupNumbers, cancelTargets };
  } finally {
    await dataSource.destroy();
  }
}
