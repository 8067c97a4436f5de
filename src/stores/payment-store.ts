import { entityRows } from "../database/entity-rows";
import { entityById, findEntities } from "../database/find-entities";
import { queryPlannedEachTime, queryPlannedEachTimeValues, queryPreparedValues } from "../database/prepared-statements";
import { BadInputError } from "../domain/bad-input";
import { Currency } from "../domain/currency.entity";
import { CurrencyRatePeriod } from "../domain/currency-rate-period.entity";
import type { PaymentState } from "../domain/enums";
import { identifierField, PaymentOrder, type PaymentCriteria, type PaymentIdentifier } from "../domain/identifiers";
import { Payment } from "../domain/payment.entity";
import type { PaymentReach } from "../domain/reach";
import { filterConditions, reachConditions, type Conditions } from "./payment-conditions";
import { decodePaymentCursor, encodePaymentCursor, ORDER_KEYS } from "./payment-cursor";
import { Store } from "./store";

/** A payment read for a query, with the currency and rate period that the same statement joined. */
export type PaymentRead = Payment & { joinedCurrency: Currency; joinedRatePeriod: CurrencyRatePeriod | null };

/** How many payments match a listing, counted up to a cap. */
export interface PaymentCount {
  /** Exact when not `capped`; the cap when more payments match. */
  count: number;
  capped: boolean;
}

export interface PaymentPage {
  edges: Array<{ cursor: string; node: PaymentRead }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counts the payments matching the listing (every page) on first call, never before: a page alone reads only its rows. */
  count(): Promise<PaymentCount>;
}

/** What an operation's success changes on its payment. */
export interface PaymentStateChange {
  state: PaymentState;
  /** The vendor's time of closing; now when it gave none. */
  closedAt: Date | null;
  /** Kept as they were when not given. */
  gatewayName?: string | null;
  gatewayReferenceNumber?: string | null;
  /** Set (to a reason or to none) only when given. */
  rejectionReasonId?: string | null;
}

const IDENTIFIER_COLUMNS = {
  id: "id",
  number: "number",
  referenceNumber: "reference_number",
  backOfficeCode: "back_office_code",
} as const;

/** Two rows at most: an identifier names one payment, or (a back office code) it is ambiguous. */
const ONE_PAYMENT = "ORDER BY p.id LIMIT 2";

/** The one row an identifier found, if any. Back office codes are unique per reseller: a caller reaching several may find two. */
function onlyRow<R>(rows: R[], field: string): R | null {
  if (rows.length > 1) {
    throw new BadInputError(
      `Several payments within your reach carry this ${field === "backOfficeCode" ? "back office code" : field}: give the number, reference number or id.`,
    );
  }
  return rows[0] ?? null;
}

function identifierConditions(identifier: PaymentIdentifier, reach: PaymentReach): Conditions {
  const [field, value] = identifierField(identifier);
  return reachConditions(reach).add((parameter) => `p.${IDENTIFIER_COLUMNS[field]} = ${parameter}`, value);
}

/**
 * The `payment` table. Its reads are plain SQL (the hottest statements of the API), prepared by
 * name; entities come from TypeORM's metadata.
 */
export class PaymentStore extends Store {
  /** Payments joined with their currency and rate period, which almost every payment query shows. */
  private withReferences() {
    const payment = entityRows(this.sql.connection, Payment, "p");
    const currency = entityRows(this.sql.connection, Currency, "c");
    const ratePeriod = entityRows(this.sql.connection, CurrencyRatePeriod, "r");
    return {
      from: `SELECT ${payment.selectList}, ${currency.selectList}, ${ratePeriod.selectList}
               FROM payment p JOIN currency c ON c.id = p.currency_id LEFT JOIN currency_rate_period r ON r.id = p.currency_rate_period_id`,
      hydrate(values: readonly unknown[]): PaymentRead {
        return Object.assign(payment.hydrate(values)!, {
          joinedCurrency: currency.hydrate(values, payment.width)!,
          joinedRatePeriod: ratePeriod.hydrate(values, payment.width + currency.width),
        });
      },
    };
  }

  /** The payment an identifier names within reach; `lock` holds its row until the transaction ends. */
  async find(identifier: PaymentIdentifier, reach: PaymentReach, options: { lock?: boolean } = {}): Promise<Payment | null> {
    const [field] = identifierField(identifier);
    const conditions = identifierConditions(identifier, reach);
    const payment = entityRows(this.sql.connection, Payment, "p");
    const text = `SELECT ${payment.selectList} FROM payment p ${conditions.where} ${ONE_PAYMENT}${options.lock ? " FOR UPDATE" : ""}`;
    const row = onlyRow(await queryPreparedValues(this.sql, text, conditions.params), field);
    return row ? payment.hydrate(row) : null;
  }

  /** The payment an identifier names within reach, with its currency and rate period, in one statement. */
  async read(identifier: PaymentIdentifier, reach: PaymentReach): Promise<PaymentRead | null> {
    const [field] = identifierField(identifier);
    const conditions = identifierConditions(identifier, reach);
    const read = this.withReferences();
    const row = onlyRow(await queryPreparedValues(this.sql, `${read.from} ${conditions.where} ${ONE_PAYMENT}`, conditions.params), field);
    return row ? read.hydrate(row) : null;
  }

  /**
   * Keyset pagination in the order asked (newest issued first by default): a page starts strictly
   * after the cursor's (key, id), so payments inserted meanwhile never shift or repeat rows on
   * later pages.
   */
  async list(
    args: { filter?: PaymentCriteria; size: number; after?: string | null; countCap: number; order?: PaymentOrder },
    reach: PaymentReach,
  ): Promise<PaymentPage> {
    const { size } = args;
    const order = args.order ?? PaymentOrder.ISSUED_ON_DESC;
    const { column, descending } = ORDER_KEYS[order];
    const after = args.after !== undefined && args.after !== null ? decodePaymentCursor(args.after, order) : null;
    const matching = filterConditions(reachConditions(reach), args.filter);
    const onPage = matching.copy();
    const cast = column === "amount" ? "numeric" : "timestamptz";
    if (after) onPage.add((key, id) => `(p.${column}, p.id) ${descending ? "<" : ">"} (CAST(${key} AS ${cast}), CAST(${id} AS uuid))`, after.key, after.id);
    const direction = descending ? "DESC" : "ASC";
    const read = this.withReferences();
    // With no condition there is no plan to choose (the listing's index, in order): prepared once.
    // With one (a reach's resellers, a filter) the best plan depends on the values, which a
    // prepared statement's generic plan cannot see: after five runs it may walk the whole
    // issued-on index for a reseller that holds eight payments (135 ms at 100,000 payments
    // against 0.4 ms, and ten times that at a million), so such a page is planned each time.
    const run = matching.clauses.length === 0 ? queryPreparedValues : queryPlannedEachTimeValues;
    const rows = await run(
      this.sql,
      `${read.from} ${onPage.where} ORDER BY p.${column} ${direction}, p.id ${direction} LIMIT ${onPage.parameter(size + 1)}`,
      onPage.params,
    );
    const edges = rows.slice(0, size).map((row) => {
      const node = read.hydrate(row);
      return { cursor: encodePaymentCursor(order, node), node };
    });
    let counted: Promise<PaymentCount> | undefined;
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
      count: () => (counted ??= this.count(matching, args.countCap)),
    };
  }


  /**
   * The payments matching `conditions`, counted up to `cap`: the statement reads at most cap + 1
   * of them, in the listing's order, so that it walks the same indexes as a page does (never the
   * whole table) and costs the same at 100,000 payments as at 10,000,000. It is planned for its
   * values each time: prepared, PostgreSQL's generic plan (chosen after five runs, blind to how
   * many resellers the reach holds or how rare the state is) walked the vendor and state index in
   * order through 15,000 rows to count 1,502 of a reseller subtree, 65 ms where the plan for the
   * values takes 15 ms.
   */
  private async count(conditions: Conditions, cap: number): Promise<PaymentCount> {
    const counting = conditions.copy();
    const [{ count }] = await queryPlannedEachTime<{ count: number }>(
      this.sql,
      `SELECT count(*)::int AS count
         FROM (SELECT 1 FROM payment p ${counting.where} ORDER BY p.issued_on DESC, p.id DESC LIMIT ${counting.parameter(cap + 1)}) matching`,
      counting.params,
    );
    return count > cap ? { count: cap, capped: true } : { count, capped: false };
  }

  /** The payment with this id (the caller knows it exists); `lock` holds its row until the transaction ends. */
  byId(id: string, options: { lock?: boolean } = {}): Promise<Payment> {
    return entityById(this.sql, Payment, id, options);
  }

  /** The payments with these ids, in no particular order (batched reads). */
  byIds(ids: readonly string[]): Promise<Payment[]> {
    return findEntities(this.sql, Payment, { id: ids });
  }

  /** An operation's success on the payment: its state, closing time and what the vendor said of it. The payment as it now is. */
  async applyStateChange(paymentId: string, change: PaymentStateChange): Promise<Payment> {
    const rows = entityRows(this.sql.connection, Payment, "p");
    const updated = await queryPreparedValues(
      this.sql,
      `UPDATE payment p
          SET life_cycle_state = $2, closed_at = coalesce($3::timestamptz, now()),
              gateway_name = coalesce($4, p.gateway_name), gateway_reference_number = coalesce($5, p.gateway_reference_number),
              rejection_reason_id = CASE WHEN $6::boolean THEN $7::uuid ELSE p.rejection_reason_id END,
              version = p.version + 1, updated_at = now()
        WHERE p.id = $1
        RETURNING ${rows.selectList}`,
      [
        paymentId,
        change.state,
        change.closedAt,
        change.gatewayName || null,
        change.gatewayReferenceNumber || null,
        change.rejectionReasonId !== undefined,
        change.rejectionReasonId ?? null,
      ],
    );
    if (updated.length !== 1) throw new Error(`the payment ${paymentId} to change was not found`);
    return rows.hydrate(updated[0])!;
  }
}
