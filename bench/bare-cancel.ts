/**
 * The bare server's CRM.COM cancel, in the API's three phases with the same rows, locks and
 * transactions: phase 1 (idempotency key, the payment locked within reach, no open operation,
 * the type and the rate period in force; the operation IN_PROGRESS, the cancellation PENDING, an
 * event), the vendor call with the answer kept at once, phase 3 (the operation and the payment
 * locked; the cancellation POSTED with all the API keeps of the vendor's answer, the payment
 * CANCELLED, the operation SUCCEEDED, an event).
 * Each event is announced on the payment_changes channel in its transaction, with the API's own
 * statement, as the API announces it for live updates. Not part of the product.
 */
import { createHash, randomUUID } from "node:crypto";
import { Decimal } from "decimal.js";
import type { Pool, PoolClient, QueryConfig } from "pg";
import { ANNOUNCE_INSERTED_EVENTS, ANNOUNCED_COLUMNS } from "../src/stores/payment-changes";
import { decimalText, parseWithDecimals } from "../src/vendors/http/decimal-json";
import { cancelBackOfficeCode } from "../src/vendors/crmcom/repeat-key";
import { parseVendorTimestamp, vendorDay } from "../src/vendors/http/vendor-dates";
import type { Principal } from "./bare-auth";

/** The parts of CRM.COM's answer to a cancel that the API keeps (vendor-docs/crmcom). */
interface CrmAnswer {
  status?: { code?: string };
  data?: {
    payment?: { currency_rate_period?: { id?: string; rate?: unknown; inverse_rate?: unknown; from_date?: string; to_date?: string; currency?: { code?: string } } };
    payment_cancellation?: {
      id?: string; number?: string; reference_number?: string; issued_on?: string; posted_on?: string; payment_amount?: unknown;
      processed_by_payment_gateway?: string; payment_gateway_reference_number?: string;
    };
  };
}

const crmBaseUrl = process.env.CRMCOM_BASE_URL ?? "";
const crmToken = process.env.CRMCOM_TOKEN ?? "";
const LEASE_MS = 30_000;

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const q = (name: string, text: string, values: unknown[]): QueryConfig => ({ name: `bare_${name}`, text, values });

export async function cancel(pool: Pool, principal: Principal, body: { number: string; idempotencyKey: string }): Promise<unknown> {
  const started = await inTransaction(pool, async (client) => {
    const earlier = await client.query(q("earlier", `SELECT id FROM payment_operation WHERE idempotency_scope = $1 AND idempotency_key = $2`, [principal.tokenId, body.idempotencyKey]));
    if (earlier.rows.length) return { refused: "IDEMPOTENCY_KEY_REUSE" } as const;
    const { rows } = await client.query(
      q("lock_payment", `SELECT id, life_cycle_state, vendor_payment_id, vendor_code, amount, currency_id FROM payment
          WHERE number = $1 AND ($2::uuid[] IS NULL OR reseller_id = ANY($2::uuid[])) ORDER BY id LIMIT 2 FOR UPDATE`, [body.number, principal.reach]),
    );
    const payment = rows[0];
    if (!payment) return { refused: "PAYMENT_NOT_FOUND" } as const;
    const open = await client.query(q("open", `SELECT id FROM payment_operation WHERE payment_id = $1 AND status IN ('IN_PROGRESS', 'NEEDS_ATTENTION')`, [payment.id]));
    if (open.rows.length) return { refused: "OPERATION_IN_PROGRESS" } as const;
    if (payment.life_cycle_state !== "POSTED" && payment.life_cycle_state !== "WAITING_FOR_PAYMENT") return { refused: "PAYMENT_STATE" } as const;
    const type = await client.query(q("type", `SELECT id, name, alternative_code FROM financial_transaction_type WHERE name = $1`, ["Payment Cancellation"]));
    const period = await client.query(
      q("period", `SELECT id FROM currency_rate_period WHERE currency_id = $1 AND daterange(from_date, to_date, '[]') @> current_date`, [payment.currency_id]),
    );
    const operationId = randomUUID();
    const typeId: string = type.rows[0].id;
    const periodId: string | null = period.rows[0]?.id ?? null;
    // As the API: a back office code of the operation, so that a re-send cannot cancel twice at CRM.COM.
    const backOfficeCode = cancelBackOfficeCode({ operationId });
    const vendorRequest = {
      token: crmToken, payment_identifier: { id: payment.vendor_payment_id }, type_identifier: { alternative_code: type.rows[0].alternative_code }, back_office_code: backOfficeCode,
    };
    await client.query(
      q("insert_operation", `INSERT INTO payment_operation (id, payment_id, operation, status, idempotency_scope, idempotency_key, request_fingerprint,
          prepared, reserved_back_office_code, actor, actor_reseller_id, attempts, vendor_request, lease_until)
        VALUES ($1, $2, 'CANCEL', 'IN_PROGRESS', $3, $4, $5, $6, NULL, $7, $8, 0, $9, now() + $10 * interval '1 millisecond')`, [
        operationId, payment.id, principal.tokenId, body.idempotencyKey,
        createHash("sha256").update(JSON.stringify({ operation: "CANCEL", number: body.number })).digest("hex"),
        { typeId, currencyRatePeriodId: periodId }, principal.prefix, principal.resellerId,
        { operationId, operation: "CANCEL", payment: { vendorPaymentId: payment.vendor_payment_id, number: body.number } }, LEASE_MS,
      ]),
    );
    await client.query(
      q("pending_cancellation", `INSERT INTO payment_cancellation (payment_id, vendor_code, operation_id, life_cycle_state, issued_on, amount,
          financial_transaction_type_id, currency_rate_period_id) VALUES ($1, $2, $3, 'PENDING', now(), $4, $5, $6)`, [
        payment.id, payment.vendor_code, operationId, payment.amount, typeId, periodId,
      ]),
    );
    await client.query(
      q("started_event", `WITH e AS (INSERT INTO payment_event (payment_id, operation_id, type, actor, actor_reseller_id, from_state, detail)
        VALUES ($1, $2, 'OPERATION_STARTED', $3, $4, $5, 'CANCEL requested') RETURNING ${ANNOUNCED_COLUMNS})${ANNOUNCE_INSERTED_EVENTS}`, [payment.id, operationId, principal.prefix, principal.resellerId, payment.life_cycle_state]),
    );
    return { payment, operationId, vendorRequest, backOfficeCode };
  });
  if ("refused" in started) return { cancelPayment: { __typename: started.refused } };

  const answer = await fetch(`${crmBaseUrl}/payments/cancel`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(started.vendorRequest),
    signal: AbortSignal.timeout(3000),
  });
  const vendor = parseWithDecimals(await answer.text()) as CrmAnswer;
  if (vendor.status?.code !== "OK") throw new Error(`the vendor answered ${vendor.status?.code}`);
  const record = vendor.data?.payment_cancellation ?? {};
  const period = vendor.data?.payment?.currency_rate_period ?? null;
  // What the vendor's answer says of its cancellation, kept as the API keeps it: its own record
  // (CRM.COM issues one), the amount it cancelled (decimal text, compared with ours), its dates,
  // the gateway, and its rate period, matched to ours within the posting UPDATE.
  const kept = {
    known: Boolean(record.number),
    number: record.number ?? null,
    referenceNumber: record.reference_number ?? null,
    vendorId: record.id ?? null,
    issuedOn: parseVendorTimestamp(record.issued_on),
    postedOn: parseVendorTimestamp(record.posted_on),
    gatewayName: record.processed_by_payment_gateway ?? null,
    gatewayReferenceNumber: record.payment_gateway_reference_number ?? null,
    amount: decimalText(record.payment_amount),
    ratePeriod: period && {
      id: period.id ?? null, rate: decimalText(period.rate), inverseRate: decimalText(period.inverse_rate),
      fromDate: vendorDay(period.from_date ?? null, "from_date"), toDate: vendorDay(period.to_date ?? null, "to_date"), currencyCode: period.currency?.code ?? null,
    },
  };
  const { payment, operationId } = started;
  await pool.query(q("keep_outcome", `UPDATE payment_operation SET vendor_outcome = $2 WHERE id = $1 AND status = 'IN_PROGRESS'`, [operationId, { kind: "succeeded", cancellation: kept }]));

  return inTransaction(pool, async (client) => {
    const operation = await client.query(q("lock_operation", `SELECT status FROM payment_operation WHERE id = $1 FOR UPDATE`, [operationId]));
    if (operation.rows[0].status !== "IN_PROGRESS") throw new Error("the operation was completed elsewhere");
    await client.query(q("relock_payment", `SELECT id FROM payment WHERE id = $1 FOR UPDATE`, [payment.id]));
    const cancellation = await client.query(
      q("post_cancellation", `UPDATE payment_cancellation c SET life_cycle_state = 'POSTED', posted_on = CASE WHEN $2 THEN coalesce($5::timestamptz, now()) END,
          issued_on = coalesce($6::timestamptz, c.issued_on), vendor_record_known = $2, number = $3, reference_number = $4, vendor_id = $7,
          gateway_name = $8, gateway_reference_number = $9, vendor_amount = coalesce($10::numeric, c.vendor_amount), back_office_code = coalesce(c.back_office_code, $12::text),
          vendor_currency_rate_period = coalesce($11::jsonb, c.vendor_currency_rate_period),
          currency_rate_period_id = CASE WHEN $11::jsonb IS NULL THEN c.currency_rate_period_id ELSE
            (SELECT p.id FROM currency_rate_period p JOIN currency cu ON cu.id = p.currency_id
              WHERE cu.code = ($11::jsonb ->> 'currencyCode')::bpchar AND p.from_date = ($11::jsonb ->> 'fromDate')::date
                AND p.to_date IS NOT DISTINCT FROM ($11::jsonb ->> 'toDate')::date AND p.rate = ($11::jsonb ->> 'rate')::numeric) END
          WHERE c.operation_id = $1 RETURNING c.id, c.number, c.currency_rate_period_id`, [
        operationId, kept.known, kept.number, kept.referenceNumber, kept.postedOn, kept.issuedOn, kept.vendorId,
        kept.gatewayName, kept.gatewayReferenceNumber, kept.amount, kept.ratePeriod, started.backOfficeCode,
      ]),
    );
    // The API's two events for what the vendor's record differs in; none in the benchmark's runs, whose vendor agrees.
    const differences = [
      ...(kept.amount !== null && !new Decimal(kept.amount).eq(payment.amount) ? [["VENDOR_AMOUNT_MISMATCH", `the vendor cancelled ${kept.amount}; our payment's amount is ${payment.amount}`]] : []),
      ...(kept.ratePeriod && cancellation.rows[0].currency_rate_period_id === null ? [["VENDOR_RATE_PERIOD_KEPT", "the vendor's currency rate period matches none of ours; it is kept as the vendor gave it"]] : []),
    ];
    for (const [type, detail] of differences) {
      await client.query(
        q("difference_event", `WITH e AS (INSERT INTO payment_event (payment_id, operation_id, type, actor, actor_reseller_id, detail)
          VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ANNOUNCED_COLUMNS})${ANNOUNCE_INSERTED_EVENTS}`, [payment.id, operationId, type, principal.prefix, principal.resellerId, detail]),
      );
    }
    const updated = await client.query(
      q("cancel_payment", `UPDATE payment SET life_cycle_state = 'CANCELLED', closed_at = now(), version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING number, life_cycle_state AS "lifeCycleState"`, [payment.id]),
    );
    await client.query(
      q("finish_operation", `UPDATE payment_operation SET status = 'SUCCEEDED', result = $2, attempts = attempts + 1, completed_at = now(), lease_until = NULL,
          updated_at = now() WHERE id = $1`, [operationId, { __typename: "CancelPaymentSuccess", paymentId: payment.id, cancellationId: cancellation.rows[0].id }]),
    );
    await client.query(
      q("succeeded_event", `WITH e AS (INSERT INTO payment_event (payment_id, operation_id, type, actor, actor_reseller_id, from_state, to_state, vendor_outcome, detail)
        VALUES ($1, $2, 'STATE_CHANGED', $3, $4, $5, 'CANCELLED', 'SUCCEEDED', 'CANCEL succeeded') RETURNING ${ANNOUNCED_COLUMNS})${ANNOUNCE_INSERTED_EVENTS}`,
        [payment.id, operationId, principal.prefix, principal.resellerId, payment.life_cycle_state]),
    );
    return { cancelPayment: { __typename: "CancelPaymentSuccess", payment: updated.rows[0], cancellation: { number: cancellation.rows[0].number } } };
  });
}
