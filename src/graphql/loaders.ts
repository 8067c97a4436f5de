import DataLoader from "dataloader";
import type { PaymentEvent } from "../domain";
import { Currency, CurrencyRatePeriod, FinancialTransactionCategory, FinancialTransactionType, RejectionReason, Reseller } from "../domain";
import type { LatestEvents } from "../stores/event-store";
import type { Stores } from "../stores/stores";

/** One row per key of a unique property, from a batch read; null where none. */
function oneByKey<T>(read: (keys: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string) {
  return new DataLoader<string, T | null>(async (keys) => {
    const byKey = new Map((await read(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Every row per key of a non-unique property, in the order the batch read gave them. */
function allByKey<T>(read: (keys: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string) {
  return new DataLoader<string, T[]>(async (keys) => {
    const byKey = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of await read(keys)) byKey.get(keyOf(row))?.push(row);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/** The rate period of a currency in force on a day: key `${currencyId}|${YYYY-MM-DD}`. */
function rateAtLoader(stores: Stores) {
  return new DataLoader<string, CurrencyRatePeriod | null>(async (keys) => {
    const ids = await stores.reference.ratePeriodIdsAt(keys.map((key) => ({ currencyId: key.split("|")[0], day: key.split("|")[1] })));
    const found = ids.some((id) => id !== null) ? await stores.reference.byIds(CurrencyRatePeriod, ids.filter((id): id is string => id !== null)) : [];
    const byId = new Map(found.map((period) => [period.id, period]));
    return ids.map((id) => (id === null ? null : (byId.get(id) ?? null)));
  });
}

/**
 * Request-scoped batching loaders over the stores: fields of a list resolve in one statement per
 * relation.
 */
export function createLoaders(stores: Stores) {
  const byIds =
    <T extends { id: string }>(entity: new () => T) =>
    (ids: readonly string[]) =>
      stores.reference.byIds(entity, ids);
  const id = (row: { id: string }) => row.id;
  return {
    paymentById: oneByKey((ids) => stores.payments.byIds(ids), id),
    currencyById: oneByKey(byIds(Currency), id),
    resellerById: oneByKey(byIds(Reseller), id),
    ratePeriodById: oneByKey(byIds(CurrencyRatePeriod), id),
    transactionTypeById: oneByKey(byIds(FinancialTransactionType), id),
    transactionCategoryById: oneByKey(byIds(FinancialTransactionCategory), id),
    rejectionReasonById: oneByKey(byIds(RejectionReason), id),
    cancellationById: oneByKey((ids) => stores.cancellations.byIds(ids), id),
    cancellationByPaymentId: oneByKey((ids) => stores.cancellations.ofPayments(ids), (row) => row.paymentId),
    /** The latest `last` events of a payment, oldest first; one statement per batch, at most `last` rows read per payment. */
    latestEvents: new DataLoader<LatestEvents, PaymentEvent[], string>((asked) => stores.events.latestOf(asked), {
      cacheKeyFn: (asked) => `${asked.paymentId}|${asked.last}`,
    }),
    ratePeriodsByCurrencyId: allByKey((ids) => stores.reference.ratePeriodsOf(ids), (row) => row.currencyId),
    rateAt: rateAtLoader(stores),
    /** The operation holding a payment (IN_PROGRESS or NEEDS_ATTENTION: at most one, by a unique index). */
    openOperationByPaymentId: oneByKey((ids) => stores.operations.openOf(ids), (row) => row.paymentId),
    operationById: oneByKey((ids) => stores.operations.byIds(ids), id),
    /** Every operation of a payment, oldest first. */
    operationsByPaymentId: allByKey((ids) => stores.operations.ofPayments(ids), (row) => row.paymentId),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
