/**
 * The yardstick: a bare Node HTTP server with `pg` (a pool of the API's size) doing the same SQL
 * work as the API for each benchmarked request, with no GraphQL, no ORM and no validation layer.
 * It authenticates as the API does (the token row with its reseller reach) but writes a token's
 * last use at most once a minute. Run by bench/run.ts; not part of the product.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Pool, type PoolClient } from "pg";

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const crmBaseUrl = process.env.CRMCOM_BASE_URL ?? "";
const crmToken = process.env.CRMCOM_TOKEN ?? "";
const lastUseWritten = new Map<string, number>();

interface Principal {
  tokenId: string;
  prefix: string;
  resellerId: string;
  /** null: the top of the tree, which reaches every reseller (as in the API, no filter is applied). */
  reach: string[] | null;
}

async function authenticate(header: string | undefined): Promise<Principal | null> {
  const token = /^Bearer (\S+)$/i.exec(header ?? "")?.[1];
  const match = token ? /^(pay_[a-z0-9]{8})_([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!token || !match) return null;
  const { rows } = await pool.query(
    `WITH RECURSIVE reach(id) AS (
       SELECT t.reseller_id FROM access_token t WHERE t.prefix = $1
       UNION SELECT r.id FROM reseller r JOIN reach ON r.parent_id = reach.id)
     SELECT t.id, t.prefix, t.secret_hash, t.reseller_id, t.revoked_at, t.expires_at, top.parent_id IS NULL AS at_top,
            CASE WHEN top.parent_id IS NULL THEN NULL ELSE (SELECT array_agg(id)::text[] FROM reach) END AS reach
       FROM access_token t JOIN reseller top ON top.id = t.reseller_id WHERE t.prefix = $1`,
    [match[1]],
  );
  const row = rows[0];
  if (!row || row.secret_hash !== createHash("sha256").update(token).digest("hex") || row.revoked_at) return null;
  const now = Date.now();
  if ((lastUseWritten.get(row.id) ?? 0) < now - 60_000) {
    lastUseWritten.set(row.id, now);
    await pool.query(`UPDATE access_token SET last_used_at = now() WHERE id = $1`, [row.id]);
  }
  return { tokenId: row.id, prefix: row.prefix, resellerId: row.reseller_id, reach: row.at_top ? null : row.reach };
}

async function lookup(principal: Principal, body: { number: string }): Promise<unknown> {
  const { rows } = await pool.query(
    `SELECT p.id, p.number, p.life_cycle_state AS "lifeCycleState", p.amount, c.code AS "currencyCode", r.rate, r.inverse_rate AS "inverseRate"
       FROM payment p JOIN currency c ON c.id = p.currency_id LEFT JOIN currency_rate_period r ON r.id = p.currency_rate_period_id
      WHERE p.number = $1${principal.reach ? " AND p.reseller_id = ANY($2::uuid[])" : ""}`,
    principal.reach ? [body.number, principal.reach] : [body.number],
  );
  return { payment: rows[0] ?? null };
}

async function page(principal: Principal, body: { first: number }): Promise<unknown> {
  const [payments, count] = await Promise.all([
    pool.query(
      `SELECT p.id, p.number, p.amount, p.life_cycle_state AS "lifeCycleState", p.issued_on, c.code AS "currencyCode", r.rate
         FROM payment p JOIN currency c ON c.id = p.currency_id LEFT JOIN currency_rate_period r ON r.id = p.currency_rate_period_id
        WHERE ($1::uuid[] IS NULL OR p.reseller_id = ANY($1::uuid[])) ORDER BY p.issued_on DESC, p.id DESC LIMIT $2`,
      [principal.reach, body.first + 1],
    ),
    pool.query(`SELECT count(*)::int AS count FROM payment WHERE ($1::uuid[] IS NULL OR reseller_id = ANY($1::uuid[]))`, [principal.reach]),
  ]);
  const rows = payments.rows.slice(0, body.first);
  const ids = rows.map((row) => row.id);
  const [cancellations, events] = await Promise.all([
    pool.query(`SELECT payment_id, number FROM payment_cancellation WHERE payment_id = ANY($1::uuid[])`, [ids]),
    pool.query(
      `SELECT k.payment_id, e.type, e.from_state AS "fromState", e.to_state AS "toState"
         FROM unnest($1::uuid[]) AS k(payment_id)
         CROSS JOIN LATERAL (SELECT * FROM payment_event e WHERE e.payment_id = k.payment_id ORDER BY e.sequence DESC LIMIT 20) e
        ORDER BY k.payment_id, e.sequence`,
      [ids],
    ),
  ]);
  const cancellationByPayment = new Map(cancellations.rows.map((row) => [row.payment_id, { number: row.number }]));
  const eventsByPayment = new Map<string, unknown[]>();
  for (const event of events.rows) {
    const list = eventsByPayment.get(event.payment_id) ?? [];
    list.push({ type: event.type, fromState: event.fromState, toState: event.toState });
    eventsByPayment.set(event.payment_id, list);
  }
  return {
    payments: {
      totalCount: count.rows[0].count,
      edges: rows.map((row) => ({
        cursor: Buffer.from(`payment:${row.issued_on.toISOString()}|${row.id}`).toString("base64url"),
        node: {
          number: row.number,
          amount: row.amount,
          lifeCycleState: row.lifeCycleState,
          currency: { code: row.currencyCode },
          currencyRatePeriod: row.rate === null ? null : { rate: row.rate },
          cancellation: cancellationByPayment.get(row.id) ?? null,
          events: eventsByPayment.get(row.id) ?? [],
        },
      })),
      pageInfo: { hasNextPage: payments.rows.length > body.first },
    },
  };
}

async function inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

/** The API's three phases for a CRM.COM cancel: lock and record, call the vendor, apply. */
async function cancel(principal: Principal, body: { number: string; idempotencyKey: string }): Promise<unknown> {
  const started = await inTransaction(async (client) => {
    const earlier = await client.query(`SELECT id FROM payment_operation WHERE idempotency_scope = $1 AND idempotency_key = $2`, [
      principal.tokenId,
      body.idempotencyKey,
    ]);
    if (earlier.rows.length) return { refused: "IDEMPOTENCY_KEY_REUSE" } as const;
    const { rows } = await client.query(
      `SELECT id, life_cycle_state, vendor_payment_id, amount, currency_id, version FROM payment
        WHERE number = $1 AND ($2::uuid[] IS NULL OR reseller_id = ANY($2::uuid[])) FOR UPDATE`,
      [body.number, principal.reach],
    );
    const payment = rows[0];
    if (!payment) return { refused: "PAYMENT_NOT_FOUND" } as const;
    const busy = await client.query(`SELECT id FROM payment_operation WHERE payment_id = $1 AND status = 'IN_PROGRESS'`, [payment.id]);
    if (busy.rows.length) return { refused: "OPERATION_IN_PROGRESS" } as const;
    if (payment.life_cycle_state !== "POSTED") return { refused: "PAYMENT_STATE" } as const;
    const type = await client.query(`SELECT id, alternative_code FROM financial_transaction_type WHERE name = $1`, ["Payment Cancellation"]);
    const period = await client.query(
      `SELECT id FROM currency_rate_period WHERE currency_id = $1 AND daterange(from_date, to_date, '[]') @> current_date`,
      [payment.currency_id],
    );
    const operationId = randomUUID();
    const vendorRequest = {
      token: crmToken,
      payment_identifier: { id: payment.vendor_payment_id },
      type_identifier: { alternative_code: type.rows[0].alternative_code },
    };
    await client.query(
      `INSERT INTO payment_operation (id, payment_id, operation, status, idempotency_scope, idempotency_key, request_fingerprint,
         vendor_request, prepared, actor, actor_reseller_id, attempts, lease_until)
       VALUES ($1, $2, 'CANCEL', 'IN_PROGRESS', $3, $4, $5, $6, $7, $8, $9, 0, now() + interval '30 seconds')`,
      [
        operationId, payment.id, principal.tokenId, body.idempotencyKey,
        createHash("sha256").update(JSON.stringify({ number: body.number })).digest("hex"),
        { operationId, payment: { vendorPaymentId: payment.vendor_payment_id } },
        { typeId: type.rows[0].id, currencyRatePeriodId: period.rows[0]?.id ?? null },
        principal.prefix, principal.resellerId,
      ],
    );
    await client.query(
      `INSERT INTO payment_event (payment_id, operation_id, type, actor, actor_reseller_id, from_state, detail)
       VALUES ($1, $2, 'OPERATION_STARTED', $3, $4, $5, 'CANCEL requested')`,
      [payment.id, operationId, principal.prefix, principal.resellerId, payment.life_cycle_state],
    );
    return { payment, operationId, vendorRequest, typeId: type.rows[0].id, periodId: period.rows[0]?.id ?? null };
  });
  if ("refused" in started) return { cancelPayment: { __typename: started.refused } };

  const answer = await fetch(`${crmBaseUrl}/payments/cancel`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(started.vendorRequest),
    signal: AbortSignal.timeout(3000),
  });
  const vendor = (await answer.json()) as { status?: { code?: string }; data?: { payment_cancellation?: { number?: string; reference_number?: string } } };
  if (vendor.status?.code !== "OK") throw new Error(`the vendor answered ${vendor.status?.code}`);
  const vendorCancellation = vendor.data?.payment_cancellation ?? {};

  return inTransaction(async (client) => {
    const { payment, operationId } = started;
    await client.query(`SELECT status FROM payment_operation WHERE id = $1 FOR UPDATE`, [operationId]);
    await client.query(`SELECT id FROM payment WHERE id = $1 FOR UPDATE`, [payment.id]);
    const cancellation = await client.query(
      `INSERT INTO payment_cancellation (payment_id, number, reference_number, issued_on, posted_on, amount,
         financial_transaction_type_id, currency_rate_period_id)
       VALUES ($1, $2, $3, now(), now(), $4, $5, $6) RETURNING id, number, reference_number`,
      [payment.id, vendorCancellation.number ?? `BARE-${operationId}`, vendorCancellation.reference_number ?? `BARE-R-${operationId}`,
        payment.amount, started.typeId, started.periodId],
    );
    const updated = await client.query(
      `UPDATE payment SET life_cycle_state = 'CANCELLED', closed_at = now(), version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING number, life_cycle_state AS "lifeCycleState"`,
      [payment.id],
    );
    await client.query(
      `UPDATE payment_operation SET status = 'SUCCEEDED', result = $2, attempts = attempts + 1, completed_at = now(), lease_until = NULL
        WHERE id = $1`,
      [operationId, { __typename: "CancelPaymentSuccess", paymentId: payment.id, cancellationId: cancellation.rows[0].id }],
    );
    await client.query(
      `INSERT INTO payment_event (payment_id, operation_id, type, actor, actor_reseller_id, from_state, to_state, vendor_outcome, detail)
       VALUES ($1, $2, 'STATE_CHANGED', $3, $4, 'POSTED', 'CANCELLED', 'SUCCEEDED', 'CANCEL succeeded')`,
      [payment.id, operationId, principal.prefix, principal.resellerId],
    );
    return {
      cancelPayment: { __typename: "CancelPaymentSuccess", payment: updated.rows[0], cancellation: { number: cancellation.rows[0].number } },
    };
  });
}

const ROUTES: Record<string, (principal: Principal, body: never) => Promise<unknown>> = { "/lookup": lookup, "/page": page, "/cancel": cancel };

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"));
      } catch (error) {
        reject(error);
      }
    });
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

const server = createServer(async (request, response) => {
  try {
    const route = ROUTES[request.url ?? ""];
    if (request.method !== "POST" || !route) return send(response, 404, { errors: [{ message: "not found" }] });
    const body = await readJson(request);
    const principal = await authenticate(request.headers.authorization);
    if (!principal) return send(response, 401, { errors: [{ message: "unauthenticated" }] });
    send(response, 200, { data: await route(principal, body as never) });
  } catch (error) {
    send(response, 500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] });
  }
});

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
