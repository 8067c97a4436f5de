/**
 * The yardstick: a bare Node HTTP server with `pg` (a pool of the API's size) doing, for each
 * benchmarked request, what a careful hand-written server would: the same SQL semantics (the
 * same rows, reach checks and page order), the same trust in a checked token (bare-auth.ts), the
 * same transactions and locks for a cancel (bare-cancel.ts), named prepared statements where the
 * API uses them (and plans each time where it does), and nothing a frontend's request does not
 * ask for (no count unless asked). Like the API, it gives every request an id, sets the same
 * security headers and writes an access line per request (pino, at info, to stdout). No GraphQL, no ORM, no validation layer. Run by
 * bench/run.ts; not part of the product.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "pg";
import pino from "pino";
import { setSecurityHeaders } from "../src/server/security-headers";
import { authenticator, type Principal } from "./bare-auth";
import { cancel } from "./bare-cancel";

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const auth = authenticator(pool, Number(process.env.TOKEN_CACHE_MS ?? 5_000));
const COUNT_CAP = 10_000;
const log = pino({ level: "info" });

/** A statement prepared by a name of its own text, as the API names its own. */
const prepared = (text: string, values: unknown[]) => ({ name: `bare_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`, text, values });

async function lookup(principal: Principal, body: { number: string }): Promise<unknown> {
  const { rows } = await pool.query({
    name: "bare_lookup",
    text: `SELECT p.id, p.number, p.life_cycle_state AS "lifeCycleState", p.amount, c.code AS "currencyCode", r.rate, r.inverse_rate AS "inverseRate"
             FROM payment p JOIN currency c ON c.id = p.currency_id LEFT JOIN currency_rate_period r ON r.id = p.currency_rate_period_id
            WHERE p.number = $1 AND ($2::uuid[] IS NULL OR p.reseller_id = ANY($2::uuid[])) ORDER BY p.id LIMIT 2`,
    values: [body.number, principal.reach],
  });
  const row = rows[0];
  return {
    payment: row && {
      id: row.id, number: row.number, lifeCycleState: row.lifeCycleState, amount: row.amount,
      currency: { code: row.currencyCode }, currencyRatePeriod: row.rate === null ? null : { rate: row.rate, inverseRate: row.inverseRate },
    },
  };
}

interface PageBody {
  first: number;
  totalCount?: boolean;
  filter?: { states?: string[]; vendor?: string; resellerCode?: string };
}

/** The page's conditions, as the API's (src/stores/payment-conditions.ts): reach, then the filter's. */
function pageConditions(principal: Principal, filter: PageBody["filter"] = {}): { where: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  const add = (clause: (parameter: string) => string, value: unknown) => clauses.push(clause(`$${values.push(value)}`));
  if (principal.reach) add((ids) => `p.reseller_id = ANY(${ids}::uuid[])`, principal.reach);
  if (filter.states?.length) add((states) => `p.life_cycle_state = ANY(${states}::payment_state[])`, filter.states);
  if (filter.vendor) add((vendor) => `p.vendor_code = ${vendor}`, filter.vendor.toLowerCase());
  if (filter.resellerCode) add((code) => `p.reseller_id = (SELECT r.id FROM reseller r WHERE r.code = ${code})`, filter.resellerCode);
  return { where: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", values };
}

async function page(principal: Principal, body: PageBody): Promise<unknown> {
  const { where, values } = pageConditions(principal, body.filter);
  // As the API does (src/stores/payment-store.ts): prepared only with no condition; a reach or a
  // filter is planned for its values each time, the count always.
  const pageStatement = where ? (text: string, parameters: unknown[]) => ({ text, values: parameters }) : prepared;
  const [payments, count] = await Promise.all([
    pool.query(
      pageStatement(
        `SELECT p.id, p.number, p.amount, p.life_cycle_state AS "lifeCycleState", p.issued_on, c.code AS "currencyCode", r.rate
           FROM payment p JOIN currency c ON c.id = p.currency_id LEFT JOIN currency_rate_period r ON r.id = p.currency_rate_period_id
           ${where} ORDER BY p.issued_on DESC, p.id DESC LIMIT $${values.length + 1}`,
        [...values, body.first + 1],
      ),
    ),
    body.totalCount
      ? pool.query({ text: `SELECT count(*)::int AS count FROM (SELECT 1 FROM payment p ${where} LIMIT $${values.length + 1}) matching`, values: [...values, COUNT_CAP + 1] })
      : null,
  ]);
  const rows = payments.rows.slice(0, body.first);
  const ids = rows.map((row) => row.id);
  const [cancellations, events] = await Promise.all([
    pool.query({
      name: "bare_cancellations",
      text: `SELECT payment_id, number FROM payment_cancellation WHERE payment_id = ANY($1::uuid[]) AND life_cycle_state = 'POSTED'`,
      values: [ids],
    }),
    pool.query({
      name: "bare_events",
      text: `SELECT k.payment_id, e.type, e.from_state AS "fromState", e.to_state AS "toState"
               FROM unnest($1::uuid[]) WITH ORDINALITY AS k(payment_id, asked)
               CROSS JOIN LATERAL (SELECT * FROM payment_event e WHERE e.payment_id = k.payment_id ORDER BY e.sequence DESC LIMIT 20) e
              ORDER BY k.asked, e.sequence`,
      values: [ids],
    }),
  ]);
  const cancellationByPayment = new Map(cancellations.rows.map((row) => [row.payment_id, { number: row.number }]));
  const eventsByPayment = new Map<string, unknown[]>();
  for (const event of events.rows) {
    const list = eventsByPayment.get(event.payment_id) ?? [];
    list.push({ type: event.type, fromState: event.fromState, toState: event.toState });
    eventsByPayment.set(event.payment_id, list);
  }
  const counted = count && count.rows[0].count > COUNT_CAP ? { totalCount: COUNT_CAP, totalCountIsCapped: true } : count && { totalCount: count.rows[0].count };
  return {
    payments: {
      ...counted,
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

const ROUTES: Record<string, (principal: Principal, body: never) => Promise<unknown>> = {
  "/lookup": lookup,
  "/page": page,
  "/cancel": (principal, body) => cancel(pool, principal, body),
};

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
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

const server = createServer((request, response) => void answer(request, response));

/** The request's id (the caller's X-Request-Id or a new one), the security headers, and its access line when it closes. */
function noteRequest(request: IncomingMessage, response: ServerResponse): void {
  const started = process.hrtime.bigint();
  const given = request.headers["x-request-id"];
  const requestId = (typeof given === "string" ? given.slice(0, 100) : "") || randomUUID();
  response.setHeader("x-request-id", requestId);
  setSecurityHeaders(response);
  const tokenPrefix = /^Bearer (pay_[a-z0-9]{8})_/i.exec(request.headers.authorization ?? "")?.[1]?.toLowerCase();
  response.once("close", () => {
    const path = (request.url ?? "/").split("?")[0];
    log.info(
      {
        requestId, method: request.method, path, status: response.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 10_000n) / 100,
        operation: path.slice(1), tokenPrefix, ...(response.writableFinished ? {} : { aborted: true }),
      },
      "request",
    );
  });
}

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  noteRequest(request, response);
  try {
    const route = ROUTES[request.url ?? ""];
    if (request.method !== "POST" || !route) return send(response, 404, { errors: [{ message: "not found" }] });
    const body = await readJson(request);
    const principal = await auth.authenticate(request.headers.authorization);
    if (!principal) return send(response, 401, { errors: [{ message: "unauthenticated" }] });
    send(response, 200, { data: await route(principal, body as never) });
  } catch (error) {
    send(response, 500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] });
  }
}

void auth.ready.then(() =>
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
  }),
);
const stop = () => server.close(() => void Promise.all([pool.end(), auth.stop()]).then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
