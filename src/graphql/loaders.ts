import DataLoader from "dataloader";
import type { EntityManager, ObjectLiteral } from "typeorm";
import { findEntities } from "../database/find-entities";
import { queryPrepared } from "../database/prepared-statements";
import { openOperationsOf } from "../operations/operation-records";
import { latestEventsOf, type LatestEvents } from "../payments/payment-events";
import {
  Currency,
  CurrencyRatePeriod,
  FinancialTransactionCategory,
  FinancialTransactionType,
  Payment,
  PaymentCancellation,
  PaymentEvent,
  PaymentOperationRecord,
  RejectionReason,
  Reseller,
} from "../domain";

/** The rows whose `property` is one of the keys, by one prepared statement whatever the number of keys. */
function rowsWithKeys<T extends ObjectLiteral>(manager: EntityManager, entity: new () => T, property: keyof T & string, keys: readonly string[], orderBy?: keyof T & string) {
  return findEntities(manager, entity, { [property]: keys } as { [K in keyof T & string]?: ReadonlyArray<T[K]> }, { orderBy });
}

/** One row per key, by a unique column; one SQL statement per batch. */
function rowByKeyLoader<T extends ObjectLiteral>(manager: EntityManager, entity: new () => T, property: keyof T & string) {
  return new DataLoader<string, T | null>(async (keys) => {
    const rows = await rowsWithKeys(manager, entity, property, keys);
    const byKey = new Map(rows.map((row) => [row[property] as string, row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Every row per key, by a non-unique column, in a stable order; one SQL statement per batch. */
function rowsByKeyLoader<T extends ObjectLiteral>(manager: EntityManager, entity: new () => T, property: keyof T & string, orderBy: keyof T & string) {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await rowsWithKeys(manager, entity, property, keys, orderBy);
    const byKey = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of rows) byKey.get(row[property] as string)?.push(row);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/** The rate period of a currency in force on a day: key `${currencyId}|${YYYY-MM-DD}`. */
function rateAtLoader(manager: EntityManager) {
  return new DataLoader<string, CurrencyRatePeriod | null>(async (keys) => {
    const pairs = keys.map((key) => key.split("|"));
    const rows = await queryPrepared<{ key_index: number; id: string }>(
      manager,
      `SELECT k.key_index, p.id
         FROM unnest($1::uuid[], $2::date[]) WITH ORDINALITY AS k(currency_id, day, key_index)
         JOIN currency_rate_period p
           ON p.currency_id = k.currency_id AND daterange(p.from_date, p.to_date, '[]') @> k.day`,
      [pairs.map(([currencyId]) => currencyId), pairs.map(([, day]) => day)],
    );
    const periods = rows.length ? await rowsWithKeys(manager, CurrencyRatePeriod, "id", rows.map((r) => r.id)) : [];
    const periodById = new Map(periods.map((p) => [p.id, p]));
    const byIndex = new Map(rows.map((r) => [Number(r.key_index) - 1, periodById.get(r.id) ?? null]));
    return keys.map((_, index) => byIndex.get(index) ?? null);
  });
}

/** The operation holding a payment (IN_PROGRESS or NEEDS_ATTENTION: at most one, by a unique index). */
function openOperationLoader(manager: EntityManager) {
  return new DataLoader<string, PaymentOperationRecord | null>(async (keys) => {
    const rows = await openOperationsOf(manager, keys);
    const byKey = new Map(rows.map((row) => [row.paymentId, row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** The latest `last` events of a payment, oldest first; one statement per batch, at most `last` rows read per payment. */
function latestEventsLoader(manager: EntityManager) {
  return new DataLoader<LatestEvents, PaymentEvent[], string>((asked) => latestEventsOf(manager, asked), {
    cacheKeyFn: (asked) => `${asked.paymentId}|${asked.last}`,
  });
}

/** Request-scoped batching loaders: fields of a list resolve in one statement per relation. */
export function createLoaders(manager: EntityManager) {
  return {
    paymentById: rowByKeyLoader(manager, Payment, "id"),
    currencyById: rowByKeyLoader(manager, Currency, "id"),
    resellerById: rowByKeyLoader(manager, Reseller, "id"),
    ratePeriodById: rowByKeyLoader(manager, CurrencyRatePeriod, "id"),
    transactionTypeById: rowByKeyLoader(manager, FinancialTransactionType, "id"),
    transactionCategoryById: rowByKeyLoader(manager, FinancialTransactionCategory, "id"),
    rejectionReasonById: rowByKeyLoader(manager, RejectionReason, "id"),
    cancellationById: rowByKeyLoader(manager, PaymentCancellation, "id"),
    cancellationByPaymentId: rowByKeyLoader(manager, PaymentCancellation, "paymentId"),
    latestEvents: latestEventsLoader(manager),
    ratePeriodsByCurrencyId: rowsByKeyLoader(manager, CurrencyRatePeriod, "currencyId", "fromDate"),
    rateAt: rateAtLoader(manager),
    openOperationByPaymentId: openOperationLoader(manager),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
