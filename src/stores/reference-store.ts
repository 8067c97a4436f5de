import type { ObjectLiteral } from "typeorm";
import { findEntities, findEntity } from "../database/find-entities";
import { entityRows } from "../database/entity-rows";
import { queryPrepared, queryPreparedValues } from "../database/prepared-statements";
import { Currency } from "../domain/currency.entity";
import type { CurrencyLifeCycleState } from "../domain/enums";
import { CurrencyRatePeriod } from "../domain/currency-rate-period.entity";
import { identifierField } from "../domain/identifiers";
import type { FinancialTransactionCategory, FinancialTransactionType, RejectionReason } from "../domain/lookups.entity";
import { Reseller } from "../domain/reseller.entity";
import { Store } from "./store";

type Lookup = FinancialTransactionType | FinancialTransactionCategory | RejectionReason;

/** A vendor's currency rate period as it answered: decimal texts and YYYY-MM-DD days. */
export interface RatePeriodAnswer {
  currencyCode: string | null;
  fromDate: string | null;
  toDate: string | null;
  rate: string | null;
}

/** A vendor as the `vendor` table keeps it: payments' vendor codes reference it, and it checks their ids' format. */
export interface VendorRow {
  code: string;
  paymentIdFormat: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Resellers, currencies, rate periods, the lookups and the vendor table. */
export class ReferenceStore extends Store {
  /** A lookup row (type, category, reason) by the one field its identifier gives. */
  lookup<T extends Lookup>(entity: new () => T, identifier: object): Promise<T | null> {
    const [field, value] = identifierField(identifier);
    return findEntity(this.sql, entity, { [field]: value } as { [K in keyof T & string]?: T[K] });
  }

  /** Rows of a reference table by id, in no particular order (batched reads). */
  byIds<T extends ObjectLiteral & { id: string }>(entity: new () => T, ids: readonly string[]): Promise<T[]> {
    return findEntities(this.sql, entity, { id: ids } as unknown as { [K in keyof T & string]?: ReadonlyArray<T[K]> });
  }

  /** The rate period of a currency in force today, if any. */
  async ratePeriodInForce(currencyId: string): Promise<string | null> {
    const [row] = await queryPrepared<{ id: string }>(
      this.sql,
      `SELECT id FROM currency_rate_period WHERE currency_id = $1 AND daterange(from_date, to_date, '[]') @> current_date`,
      [currencyId],
    );
    return row?.id ?? null;
  }

  /** Our rate period that is the vendor's (same currency, days and rate), if any. */
  async matchingRatePeriod(period: RatePeriodAnswer): Promise<string | null> {
    const { currencyCode, fromDate, toDate, rate } = period;
    if (!currencyCode || !fromDate || !ISO_DATE.test(fromDate) || (toDate && !ISO_DATE.test(toDate)) || !rate || !DECIMAL.test(rate)) return null;
    const [row] = await queryPrepared<{ id: string }>(
      this.sql,
      `SELECT p.id FROM currency_rate_period p JOIN currency c ON c.id = p.currency_id
        WHERE c.code = $1 AND p.from_date = $2::date AND p.to_date IS NOT DISTINCT FROM $3::date AND p.rate = $4::numeric`,
      [currencyCode, fromDate, toDate ?? null, rate],
    );
    return row?.id ?? null;
  }

  /** Rate periods of these currencies, oldest first. */
  ratePeriodsOf(currencyIds: readonly string[]): Promise<CurrencyRatePeriod[]> {
    return findEntities(this.sql, CurrencyRatePeriod, { currencyId: currencyIds }, { orderBy: "fromDate" });
  }

  /** For each (currency, day), the id of the rate period in force, in the order asked; null where none is. */
  async ratePeriodIdsAt(asked: ReadonlyArray<{ currencyId: string; day: string }>): Promise<Array<string | null>> {
    const rows = await queryPrepared<{ key_index: number; id: string }>(
      this.sql,
      `SELECT k.key_index, p.id
         FROM unnest($1::uuid[], $2::date[]) WITH ORDINALITY AS k(currency_id, day, key_index)
         JOIN currency_rate_period p
           ON p.currency_id = k.currency_id AND daterange(p.from_date, p.to_date, '[]') @> k.day`,
      [asked.map((a) => a.currencyId), asked.map((a) => a.day)],
    );
    const byIndex = new Map(rows.map((row) => [Number(row.key_index) - 1, row.id]));
    return asked.map((_, index) => byIndex.get(index) ?? null);
  }

  /** Currencies by code, optionally only some codes or one life-cycle state. */
  async currencies(filter: { codes?: readonly string[] | null; lifeCycleState?: CurrencyLifeCycleState | null } = {}): Promise<Currency[]> {
    const rows = entityRows(this.sql.connection, Currency, "c");
    const found = await queryPreparedValues(
      this.sql,
      `SELECT ${rows.selectList} FROM currency c
        WHERE ($1::text[] IS NULL OR c.code = ANY($1::text[])) AND ($2::text IS NULL OR c.life_cycle_state::text = $2::text)
        ORDER BY c.code`,
      [filter.codes ?? null, filter.lifeCycleState ?? null],
    );
    return found.map((values) => rows.hydrate(values)!);
  }

  currencyByCode(code: string): Promise<Currency | null> {
    return findEntity(this.sql, Currency, { code: code.toUpperCase() });
  }

  /** The resellers with these codes among those given (a reach), by code. */
  async resellerIdsByCode(codes: readonly string[], within: readonly string[] | "all"): Promise<Map<string, string>> {
    const all = within === "all";
    const rows = await queryPrepared<{ id: string; code: string }>(
      this.sql,
      `SELECT id, code FROM reseller WHERE code = ANY($1::text[]) AND ($2::boolean OR id = ANY($3::uuid[]))`,
      [codes, all, all ? [] : within],
    );
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  /** The currencies with these codes, by code. */
  async currencyIdsByCode(codes: readonly string[]): Promise<Map<string, string>> {
    const rows = await queryPrepared<{ id: string; code: string }>(this.sql, `SELECT id, code FROM currency WHERE code = ANY($1::text[])`, [codes]);
    return new Map(rows.map((row) => [row.code.trim(), row.id]));
  }

  /** The id of the reseller with this code, if there is one. */
  async resellerIdByCode(code: string): Promise<string | null> {
    return (await findEntity(this.sql, Reseller, { code }))?.id ?? null;
  }

  /**
   * Adds a reseller at the top of the tree (the first one of a new database, for its first admin
   * token); false when a reseller already has that code (nothing is changed then).
   */
  async addTopReseller(code: string, name: string): Promise<boolean> {
    const rows = await queryPrepared<{ id: string }>(
      this.sql,
      `INSERT INTO reseller (code, name, parent_id) VALUES ($1, $2, NULL) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [code, name],
    );
    return rows.length > 0;
  }

  /** One row per vendor, written at start: an added vendor needs no migration. */
  async recordVendors(vendors: readonly VendorRow[]): Promise<void> {
    await queryPrepared(
      this.sql,
      `INSERT INTO vendor (code, payment_id_format) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (code) DO UPDATE SET payment_id_format = EXCLUDED.payment_id_format
       WHERE vendor.payment_id_format IS DISTINCT FROM EXCLUDED.payment_id_format`,
      [vendors.map((vendor) => vendor.code), vendors.map((vendor) => vendor.paymentIdFormat)],
    );
  }
}
