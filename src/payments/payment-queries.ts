import { GraphQLError } from "graphql";
import type { EntityManager, SelectQueryBuilder } from "typeorm";
import { Payment } from "../domain/payment.entity";
import type { PaymentIdentifierInput } from "../graphql/inputs/identifiers.input";
import type { PaymentFilter } from "../graphql/inputs/payment-filter.input";
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

function withinReach(qb: SelectQueryBuilder<Payment>, reach: PaymentReach): SelectQueryBuilder<Payment> {
  return reach.resellerIds === "all" ? qb : qb.andWhere("p.reseller_id = ANY(:reachIds)", { reachIds: reach.resellerIds });
}

export async function findPayment(
  manager: EntityManager,
  identifier: PaymentIdentifierInput,
  reach: PaymentReach,
  lock?: "pessimistic_write",
): Promise<Payment | null> {
  const [field, value] = identifierField(identifier);
  const qb = manager
    .getRepository(Payment)
    .createQueryBuilder("p")
    .where(`p.${IDENTIFIER_COLUMNS[field]} = :value`, { value });
  if (lock) qb.setLock(lock);
  if (field !== "backOfficeCode") return withinReach(qb, reach).getOne();
  // Back office codes are unique per reseller: a caller reaching several may find two.
  const found = await withinReach(qb, reach).orderBy("p.id").limit(2).getMany();
  if (found.length > 1) {
    throw new GraphQLError("Several payments within your reach carry this back office code: give the number, reference number or id.", {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return found[0] ?? null;
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
  edges: Array<{ cursor: string; node: Payment }>;
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

  const [rows, totalCount] = await Promise.all([size === 0 ? Promise.resolve([]) : pageQuery.getMany(), base().getCount()]);
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodePaymentCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size || (size === 0 && totalCount > 0), endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
