import { GraphQLError } from "graphql";
import type { EntityManager, SelectQueryBuilder } from "typeorm";
import { Currency } from "../domain/currency.entity";
import { CurrencyRatePeriod } from "../domain/currency-rate-period.entity";
import { Payment } from "../domain/payment.entity";
import type { PaymentIdentifierInput } from "../graphql/inputs/identifiers.input";
import type { PaymentFilter } from "../graphql/inputs/payment-filter.input";
import { decodePaymentCursor, encodePaymentCursor } from "./payment-cursor";

export const PAYMENTS_PAGE_DEFAULT = 20;
export const PAYMENTS_PAGE_MAX = 100;

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

function withinReach(qb: SelectQueryBuilder<Payment>, reach: PaymentReach): SelectQueryBuilder<Payment> {
  return reach.resellerIds === "all" ? qb : qb.andWhere("p.reseller_id = ANY(:reachIds)", { reachIds: reach.resellerIds });
}

/** A payment read for a query, with the currency and rate period that the same statement joined. */
export type PaymentRead = Payment & { joinedCurrency: Currency; joinedRatePeriod: CurrencyRatePeriod | null };

/** Joins a payment's currency and rate period, which almost every payment query shows, into the payment's own statement. */
function withReferences(qb: SelectQueryBuilder<Payment>): SelectQueryBuilder<Payment> {
  return qb
    .innerJoinAndMapOne("p.joinedCurrency", Currency, "jc", "jc.id = p.currency_id")
    .leftJoinAndMapOne("p.joinedRatePeriod", CurrencyRatePeriod, "jr", "jr.id = p.currency_rate_period_id");
}

function byIdentifier(manager: EntityManager, identifier: PaymentIdentifierInput, reach: PaymentReach): SelectQueryBuilder<Payment> {
  const [field, value] = identifierField(identifier);
  const qb = manager
    .getRepository(Payment)
    .createQueryBuilder("p")
    .where(`p.${IDENTIFIER_COLUMNS[field]} = :value`, { value });
  return withinReach(qb, reach);
}

/** The payment an identifier names within reach, optionally locked for an operation. */
export async function findPayment(
  manager: EntityManager,
  identifier: PaymentIdentifierInput,
  reach: PaymentReach,
  lock?: "pessimistic_write",
): Promise<Payment | null> {
  const qb = byIdentifier(manager, identifier, reach);
  if (lock) qb.setLock(lock);
  return qb.getOne();
}

/** The payment an identifier names within reach, with its currency and rate period, in one statement. */
export async function readPayment(manager: EntityManager, identifier: PaymentIdentifierInput, reach: PaymentReach): Promise<PaymentRead | null> {
  return (await withReferences(byIdentifier(manager, identifier, reach)).getOne()) as PaymentRead | null;
}

function applyFilter(qb: SelectQueryBuilder<Payment>, filter: PaymentFilter | undefined): SelectQueryBuilder<Payment> {
  if (!filter) return qb;
  if (filter.states?.length) qb.andWhere("p.life_cycle_state = ANY(:states)", { states: filter.states });
  if (filter.vendor) qb.andWhere("p.vendor_code = :vendor", { vendor: filter.vendor });
  if (filter.currencyCode) {
    qb.andWhere("p.currency_id = (SELECT c.id FROM currency c WHERE c.code = :currencyCode)", {
      currencyCode: filter.currencyCode,
    });
  }
  if (filter.resellerCode) {
    qb.andWhere("p.reseller_id = (SELECT r.id FROM reseller r WHERE r.code = :resellerCode)", {
      resellerCode: filter.resellerCode,
    });
  }
  if (filter.issuedFrom) qb.andWhere("p.issued_on >= :issuedFrom", { issuedFrom: filter.issuedFrom });
  if (filter.issuedBefore) qb.andWhere("p.issued_on < :issuedBefore", { issuedBefore: filter.issuedBefore });
  if (filter.amountMin) qb.andWhere("p.amount >= CAST(:amountMin AS numeric)", { amountMin: filter.amountMin });
  if (filter.amountMax) qb.andWhere("p.amount <= CAST(:amountMax AS numeric)", { amountMax: filter.amountMax });
  return qb;
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

/**
 * Keyset pagination, newest issued first: a page starts strictly after the cursor's
 * (issuedOn, id), so payments inserted meanwhile never shift or repeat rows on later pages.
 */
export async function listPayments(
  manager: EntityManager,
  args: { filter?: PaymentFilter; first?: number; after?: string },
  reach: PaymentReach,
): Promise<PaymentPage> {
  const size = checkPageSize(args.first);
  const after = args.after !== undefined && args.after !== null ? decodePaymentCursor(args.after) : null;
  const base = () => withinReach(applyFilter(manager.getRepository(Payment).createQueryBuilder("p").where("TRUE"), args.filter), reach);

  const pageQuery = base()
    .orderBy("p.issued_on", "DESC")
    .addOrderBy("p.id", "DESC")
    .limit(size + 1);
  if (after) pageQuery.andWhere("(p.issued_on, p.id) < (:afterIssuedOn, :afterId)", { afterIssuedOn: after.issuedOn, afterId: after.id });

  const [rows, totalCount] = await Promise.all([
    size === 0 ? Promise.resolve([]) : (withReferences(pageQuery).getMany() as Promise<PaymentRead[]>),
    base().getCount(),
  ]);
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodePaymentCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size || (size === 0 && totalCount > 0), endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
