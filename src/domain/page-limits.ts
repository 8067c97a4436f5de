import { BadInputError } from "./bad-input";

export const PAYMENTS_PAGE_DEFAULT = 20;
export const PAYMENTS_PAGE_MAX = 100;
/**
 * `PaymentConnection.totalCount` is exact up to this many payments; beyond, it answers this
 * number with `totalCountIsCapped`, so that a count costs the same whatever the table's size.
 */
export const PAYMENTS_COUNT_CAP = 10_000;
/** `Payment.events(last)`: the latest events of a payment that are answered. */
export const PAYMENT_EVENTS_DEFAULT = 20;
export const PAYMENT_EVENTS_MAX = 100;

/** The page size asked for, within 0 and the maximum. */
export function checkPageSize(first: number | undefined | null): number {
  const size = first ?? PAYMENTS_PAGE_DEFAULT;
  if (!Number.isInteger(size) || size < 0 || size > PAYMENTS_PAGE_MAX) {
    throw new BadInputError(`\`first\` must be between 0 and ${PAYMENTS_PAGE_MAX}.`, "first", PAYMENTS_PAGE_MAX);
  }
  return size;
}

/** How many of a payment's latest events are asked for, within 0 and the maximum. */
export function checkEventCount(last: number): number {
  if (!Number.isInteger(last) || last < 0 || last > PAYMENT_EVENTS_MAX) {
    throw new BadInputError(`\`last\` must be between 0 and ${PAYMENT_EVENTS_MAX}.`, "last", PAYMENT_EVENTS_MAX);
  }
  return last;
}
