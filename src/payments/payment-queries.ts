import { GraphQLError } from "graphql";
import type { EntityManager } from "typeorm";
import { entityRows } from "../database/entity-rows";
import { queryPrepared, queryPreparedValues } from "../database/prepared-statements";
import { Currency } from "../domain/currency.entity";
import { CurrencyRatePeriod } from "../domain/currency-rate-period.entity";
import { Payment } from "../domain/payment.entity";
import type { PaymentCriteria, PaymentIdentifier } from "../domain/identifiers";
import { decodePaymentCursor, encodePaymentCursor } from "./payment-cursor";

export const PAYMENTS_PAGE_DEFAULT = 20;
export const PAYMENTS_PAGE_MAX = 100;
/** `Payment.events(last)`: the latest events of a payment that are answered. */
export const PAYMENT_EVENTS_DEFAULT = 20;
export const PAYMENT_EVENTS_MAX = 100;

/** Which payments a caller may see: all, or those of some resellers. */
export interface PaymentReach {
  resellerIds: readonly string[] | "all";
}
export function reaches(reach: PaymentReach, resellerId: string): boolean {
  return reach.resellerIds === "all" || reach.resellerIds.includes(resellerId);
}

const IDENTIFIER_COLUMNS = {
  id: "id",
  number: "number",
  referenceNumber: "reference_number",
  backOfficeCode: "back_office_code",
} as const;

/** The one field an identifier gives (graphql-js has already enforced `@oneOf`). */
export function identifierField<T extends object>(identifier: T): [keyof T & string, string] {
  const entries = Object.entries(identifier).filter(([, value]) => value !== undefined && value !== null);
  if (entries.length !== 1) {
    throw new GraphQLError("Give exactly one field of the identifier.", { extensions: { code: "BAD_USER_INPUT" } });
  }
  return entries[0] as [keyof T & string, string];
}

/** A payment read for a query, with the currency and rate period that the same statement joined. */
export type PaymentRead = Payment & { joinedCurrency: Currency; joinedRatePeriod: CurrencyRatePeriod | null };

/**
 * WHERE conditions of the payment reads, each with its parameter numbered as it is added. The reads
 * are plain SQL (they are the hottest statements of the API); entities come from TypeORM's metadata.
 */
class Conditions {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: (...parameters: string[]) => string, ...values: unknown[]): this {
    const parameters = values.map((value) => `$${this.params.push(value)}`);
    this.clauses.push(clause(...parameters));
    return this;
  }

  /** A parameter outside the WHERE clause (a LIMIT), numbered after the conditions' own. */
  parameter(value: unknown): string {
    return `$${this.params.push(value)}`;
  }

  copy(): Conditions {
    const copy = new Conditions();
    copy.clauses.push(...this.clauses);
    copy.params.push(...this.params);
    return copy;
  }

  get where(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(" AND ")}` : "";
  }
}

function reachConditions(reach: PaymentReach): Conditions {
  const conditions = new Conditions();
  return reach.resellerIds === "all" ? conditions : conditions.add((ids) => `p.reseller_id = ANY(${ids})`, reach.resellerIds);
}

/** Payments joined with their currency and rate period, which almost every payment query shows. */
function paymentsWithReferences(manager: EntityManager) {
  const payment = entityRows(manager.connection, Payment, "p");
  const currency = entityRows(manager.connection, Currency, "c");
  const ratePeriod = entityRows(manager.connection, CurrencyRatePeriod, "r");
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

function identifierConditions(identifier: PaymentIdentifier, reach: PaymentReach): Conditions {
  const [field, value] = identifierField(identifier);
  return reachConditions(reach).add((parameter) => `p.${IDENTIFIER_COLUMNS[field]} = ${parameter}`, value);
}

/** Two rows at most: an identifier names one payment, or (a back office code) it is ambiguous. */
const ONE_PAYMENT = "ORDER BY p.id LIMIT 2";

/** The one row an identifier found, if any. Back office codes are unique per reseller: a caller reaching several may find two. */
function onlyRow<R>(rows: R[], field: string): R | null {
  if (rows.length > 1) {
    throw new GraphQLError(`Several payments within your reach carry this ${field === "backOfficeCode" ? "back office code" : field}: give the number, reference number or id.`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return rows[0] ?? null;
}

/** The payment an identifier names within reach, optionally locked for an operation. */
export async function findPayment(
  manager: EntityManager,
  identifier: PaymentIdentifier,
  reach: PaymentReach,
  lock?: "pessimistic_write",
): Promise<Payment | null> {
  const [field] = identifierField(identifier);
  const conditions = identifierConditions(identifier, reach);
  const payment = entityRows(manager.connection, Payment, "p");
  const rows = await queryPreparedValues(manager, `SELECT ${payment.selectList} FROM payment p ${conditions.where} ${ONE_PAYMENT}${lock ? " FOR UPDATE" : ""}`, conditions.params);
  const row = onlyRow(rows, field);
  return row ? payment.hydrate(row) : null;
}

/** The payment an identifier names within reach, with its currency and rate period, in one statement. */
export async function readPayment(manager: EntityManager, identifier: PaymentIdentifier, reach: PaymentReach): Promise<PaymentRead | null> {
  const [field] = identifierField(identifier);
  const conditions = identifierConditions(identifier, reach);
  const read = paymentsWithReferences(manager);
  const row = onlyRow(await queryPreparedValues(manager, `${read.from} ${conditions.where} ${ONE_PAYMENT}`, conditions.params), field);
  return row ? read.hydrate(row) : null;
}

function filterConditions(conditions: Conditions, filter: PaymentCriteria | undefined): Conditions {
  if (!filter) return conditions;
  if (filter.states?.length) conditions.add((states) => `p.life_cycle_state = ANY(${states})`, filter.states);
  if (filter.vendor) conditions.add((vendor) => `p.vendor_code = ${vendor}`, filter.vendor);
  if (filter.currencyCode) conditions.add((code) => `p.currency_id = (SELECT c.id FROM currency c WHERE c.code = ${code})`, filter.currencyCode);
  if (filter.resellerCode) conditions.add((code) => `p.reseller_id = (SELECT r.id FROM reseller r WHERE r.code = ${code})`, filter.resellerCode);
  if (filter.issuedFrom) conditions.add((from) => `p.issued_on >= ${from}`, filter.issuedFrom);
  if (filter.issuedBefore) conditions.add((before) => `p.issued_on < ${before}`, filter.issuedBefore);
  if (filter.amountMin) conditions.add((min) => `p.amount >= CAST(${min} AS numeric)`, filter.amountMin);
  if (filter.amountMax) conditions.add((max) => `p.amount <= CAST(${max} AS numeric)`, filter.amountMax);
  return conditions;
}

export interface PaymentPage {
  edges: Array<{ cursor: string; node: PaymentRead }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export function checkPageSize(first: number | undefined): number {
  const size = first ?? PAYMENTS_PAGE_DEFAULT;
  if (!Number.isInteger(size) || size < 0 || size > PAYMENTS_PAGE_MAX) {
    throw new GraphQLError(`\`first\` must be between 0 and ${PAYMENTS_PAGE_MAX}.`, {
      extensions: { code: "BAD_USER_INPUT", argumentName: "first", max: PAYMENTS_PAGE_MAX },
    });
  }
  return size;
}

export function checkEventCount(last: number): number {
  if (!Number.isInteger(last) || last < 0 || last > PAYMENT_EVENTS_MAX) {
    throw new GraphQLError(`\`last\` must be between 0 and ${PAYMENT_EVENTS_MAX}.`, {
      extensions: { code: "BAD_USER_INPUT", argumentName: "last", max: PAYMENT_EVENTS_MAX },
    });
  }
  return last;
}

/**
 * Keyset pagination, newest issued first: a page starts strictly after the cursor's
 * (issuedOn, id), so payments inserted meanwhile never shift or repeat rows on later pages.
 */
export async function listPayments(
  manager: EntityManager,
  args: { filter?: PaymentCriteria; first?: number; after?: string },
  reach: PaymentReach,
): Promise<PaymentPage> {
  const size = checkPageSize(args.first);
  const after = args.after !== undefined && args.after !== null ? decodePaymentCursor(args.after) : null;
  const matching = filterConditions(reachConditions(reach), args.filter);
  const onPage = matching.copy();
  if (after) onPage.add((issuedOn, id) => `(p.issued_on, p.id) < (${issuedOn}, ${id})`, after.issuedOn, after.id);
  const read = paymentsWithReferences(manager);
  const [rows, [{ count }]] = await Promise.all([
    size === 0
      ? Promise.resolve([] as PaymentRead[])
      : queryPreparedValues(manager, `${read.from} ${onPage.where} ORDER BY p.issued_on DESC, p.id DESC LIMIT ${onPage.parameter(size + 1)}`, onPage.params).then(
          (found) => found.map((row) => read.hydrate(row)),
        ),
    queryPrepared<{ count: number }>(manager, `SELECT count(*)::int AS count FROM payment p ${matching.where}`, matching.params),
  ]);
  const totalCount = count;
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodePaymentCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size || (size === 0 && totalCount > 0), endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
