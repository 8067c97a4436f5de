import type { ObjectLiteral } from "typeorm";
import { findEntities, findEntity } from "../database/find-entities";
import { entityRows } from "../database/entity-rows";
import { queryPrepared, queryPreparedValues } from "../database/prepared-statements";
import { Currency } from "../domain/currency.entity";
import type { CurrencyLifeCycleState } from "../domain/enums";
import { CurrencyRatePeriod } from "../domain/currency-rate-period.entity";
import { identifierField } from "../domain/identifiers";
import { LookupKind, type FinancialTransactionCategory, type FinancialTransactionType, type LookupEntry, type RejectionReason } from "../domain/lookups.entity";
import { Reseller } from "../domain/reseller.entity";
import { Store } from "./store";

type Lookup = FinancialTransactionType | FinancialTransactionCategory | RejectionReason;

/** A vendor as the `vendor` table keeps it: payments' vendor codes reference it, and it checks their ids' format. */
export interface VendorRow {
  code: string;
  paymentIdFormat: string | null;
}

/** A currency's columns, as it is saved. */
export type CurrencyValues = Omit<Currency, "id">;

/** A rate period's columns, as it is saved. */
export type RatePeriodValues = Omit<CurrencyRatePeriod, "id">;

/** Each lookup's table and the column of its code. */
const LOOKUP_TABLES: Record<LookupKind, { table: string; code: string }> = {
  [LookupKind.FINANCIAL_TRANSACTION_TYPE]: { table: "financial_transaction_type", code: "alternative_code" },
  [LookupKind.FINANCIAL_TRANSACTION_CATEGORY]: { table: "financial_transaction_category", code: "code" },
  [LookupKind.REJECTION_REASON]: { table: "rejection_reason", code: "alternative_code" },
};

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

  /** The lookups of one kind, or of every kind, by kind and name. */
  async lookups(kind: LookupKind | null): Promise<LookupEntry[]> {
    const selects = Object.entries(LOOKUP_TABLES).map(([each, { table, code }]) => `SELECT id, '${each}' AS kind, name, ${code} AS code FROM ${table}`);
    return queryPrepared<LookupEntry>(this.sql, `SELECT * FROM (${selects.join(" UNION ALL ")}) l WHERE $1::text IS NULL OR kind = $1::text ORDER BY kind, name`, [kind]);
  }

  /** The lookup of a kind with this code or this name, if any. */
  async lookupBy(kind: LookupKind, field: "code" | "name", value: string): Promise<LookupEntry | null> {
    const { table, code } = LOOKUP_TABLES[kind];
    const column = field === "code" ? code : "name";
    const [row] = await queryPrepared<LookupEntry>(this.sql, `SELECT id, '${kind}' AS kind, name, ${code} AS code FROM ${table} WHERE ${column} = $1`, [value]);
    return row ?? null;
  }

  async insertLookup(kind: LookupKind, name: string, value: string): Promise<LookupEntry> {
    const { table, code } = LOOKUP_TABLES[kind];
    const [row] = await queryPrepared<LookupEntry>(this.sql, `INSERT INTO ${table} (name, ${code}) VALUES ($1, $2) RETURNING id, '${kind}' AS kind, name, ${code} AS code`, [name, value]);
    return row;
  }

  async renameLookup(kind: LookupKind, id: string, name: string): Promise<LookupEntry> {
    const { table, code } = LOOKUP_TABLES[kind];
    const [row] = await queryPrepared<LookupEntry>(this.sql, `UPDATE ${table} SET name = $2 WHERE id = $1 RETURNING id, '${kind}' AS kind, name, ${code} AS code`, [id, name]);
    return row;
  }

  async insertCurrency(values: CurrencyValues): Promise<Currency> {
    const [row] = await queryPrepared<{ id: string }>(
      this.sql,
      `INSERT INTO currency (code, prefix_symbol, suffix_symbol, life_cycle_state, integer_part_name, decimal_part_name, minor_unit_digits)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [values.code, values.prefixSymbol, values.suffixSymbol, values.lifeCycleState, values.integerPartName, values.decimalPartName, values.minorUnitDigits],
    );
    return (await findEntity(this.sql, Currency, { id: row.id }))!;
  }

  async updateCurrency(id: string, values: CurrencyValues): Promise<Currency> {
    await queryPrepared(
      this.sql,
      `UPDATE currency SET prefix_symbol = $2, suffix_symbol = $3, life_cycle_state = $4, integer_part_name = $5, decimal_part_name = $6, minor_unit_digits = $7
        WHERE id = $1`,
      [id, values.prefixSymbol, values.suffixSymbol, values.lifeCycleState, values.integerPartName, values.decimalPartName, values.minorUnitDigits],
    );
    return (await findEntity(this.sql, Currency, { id }))!;
  }

  /** The rate period of a currency that starts on this day, if any. */
  ratePeriodFrom(currencyId: string, fromDate: string): Promise<CurrencyRatePeriod | null> {
    return findEntity(this.sql, CurrencyRatePeriod, { currencyId, fromDate });
  }

  async insertRatePeriod(values: RatePeriodValues): Promise<CurrencyRatePeriod> {
    const [row] = await queryPrepared<{ id: string }>(
      this.sql,
      `INSERT INTO currency_rate_period (currency_id, rate, inverse_rate, from_date, to_date) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [values.currencyId, values.rate, values.inverseRate, values.fromDate, values.toDate],
    );
    return (await findEntity(this.sql, CurrencyRatePeriod, { id: row.id }))!;
  }

  async updateRatePeriod(id: string, values: Pick<RatePeriodValues, "rate" | "inverseRate" | "toDate">): Promise<CurrencyRatePeriod> {
    await queryPrepared(this.sql, `UPDATE currency_rate_period SET rate = $2, inverse_rate = $3, to_date = $4 WHERE id = $1`, [id, values.rate, values.inverseRate, values.toDate]);
    return (await findEntity(this.sql, CurrencyRatePeriod, { id }))!;
  }

  /** A period of the currency, other than the one starting on `exceptFrom`, sharing a day with these days. */
  async overlappingRatePeriod(currencyId: string, fromDate: string, toDate: string | null, exceptFrom: string): Promise<CurrencyRatePeriod | null> {
    const [row] = await queryPrepared<{ id: string }>(
      this.sql,
      `SELECT id FROM currency_rate_period
        WHERE currency_id = $1 AND from_date <> $4::date AND daterange(from_date, to_date, '[]') && daterange($2::date, $3::date, '[]')
        ORDER BY from_date LIMIT 1`,
      [currencyId, fromDate, toDate, exceptFrom],
    );
    return row ? findEntity(this.sql, CurrencyRatePeriod, { id: row.id }) : null;
  }

  /**
   * Adds the reseller at the top of the tree: the first one of a new database, for its first admin
   * token. False when the database has resellers already (nothing is changed then): the tree has
   * one top, and the others are added below it (saveReseller).
   */
  async addTopReseller(code: string, name: string): Promise<boolean> {
    await queryPrepared(this.sql, `LOCK TABLE reseller IN SHARE ROW EXCLUSIVE MODE`, []);
    const rows = await queryPrepared<{ id: string }>(
      this.sql,
      `INSERT INTO reseller (code, name, parent_id) SELECT $1, $2, NULL WHERE NOT EXISTS (SELECT 1 FROM reseller) RETURNING id`,
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
