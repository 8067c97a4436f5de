/**
 * The bare server's CRM.COM cancel, in the API's three phases with the same rows, locks and
 * transactions: phase 1 (idempotency key, the payment locked within reach, no open operation,
 * the type and the rate period in force; the operation IN_PROGRESS, the cancellation PENDING, an
 * event), the vendor call with the answer kept at once, phase 3 (the operation and the payment
 * locked; the cancellation POSTED, the payment CANCELLED, the operation SUCCEEDED, an event).
 * Each event is announced on the payment_changes channel in its transaction, with the API's own
 * statement, as the API announces it for live updates. Not part of the product.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Pool, PoolClient, QueryConfig } from "pg";
import { ANNOUNCE_INSERTED_EVENTS, ANNOUNCED_COLUMNS } from "../src/stores/payment-changes";
import type { Principal } from "./bare-auth";

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
    const vendorRequest = { token: crmToken, payment_identifier: { id: payment.vendor_payment_id }, type_identifier: { alternative_code: type.rows[0].alternative_code } };
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
    return { payment, operationId, vendorRequest };
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
  const record = vendor.data?.payment_cancellation ?? {};
  const { payment, operationId } = started;
  await pool.query(q("keep_outcome", `UPDATE payment_operation SET vendor_outcome = $2 WHERE id = $1 AND status = 'IN_PROGRESS'`, [operationId, { kind: "succeeded", record }]));

  return inTransaction(pool, async (client) => {
    const operation = await client.query(q("lock_operation", `SELECT status FROM payment_operation WHERE id = $1 FOR UPDATE`, [operationId]));
    if (operation.rows[0].status !== "IN_PROGRESS") throw new Error("the operation was completed elsewhere");
    await client.query(q("relock_payment", `SELECT id FROM payment WHERE id = $1 FOR UPDATE`, [payment.id]));
    const cancellation = await client.query(
      q("post_cancellation", `UPDATE payment_cancellation SET life_cycle_state = 'POSTED', posted_on = now(), vendor_record_known = $2, number = $3, reference_number = $4
          WHERE operation_id = $1 RETURNING id, number`, [operationId, Boolean(record.number), record.number ?? null, record.reference_number ?? null]),
    );
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
