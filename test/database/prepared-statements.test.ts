import { IsNull, QueryFailedError, type EntityManager } from "typeorm";
import { CONNECTION_DOES_NOT_EXIST, TransactionConnectionLostError, isDatabaseUnavailable } from "../../src/database/database-failures";
import { pgClientOf, poolOf } from "../../src/database/typeorm-adapter";
import { findEntities } from "../../src/database/find-entities";
import { Currency } from "../../src/domain/currency.entity";
import { createDataSource, type AppDataSource } from "../../src/database/data-source";
import { queryPlannedEachTime, queryPrepared } from "../../src/database/prepared-statements";
import { PaymentStore } from "../../src/stores/payment-store";
import { EMBEDDED, openTestDatabase, workerDatabaseUrl } from "../support/test-database";

beforeAll(async () => {
  await (await openTestDatabase()).destroy();
});

/** One connection, so that `pg_prepared_statements` (per session) shows what the reads prepared. */
async function openSingleConnection(preparedStatements: boolean): Promise<AppDataSource> {
  const dataSource = createDataSource(workerDatabaseUrl(), { poolSize: 1, embedded: EMBEDDED, preparedStatements });
  await dataSource.initialize();
  return dataSource;
}

const READ = `SELECT code FROM currency WHERE code = ANY($1) ORDER BY code`;

async function preparedTexts(dataSource: AppDataSource): Promise<string[]> {
  const rows: Array<{ statement: string }> = await dataSource.query(`SELECT statement FROM pg_prepared_statements WHERE name LIKE 's\\_%'`);
  return rows.map((row) => row.statement);
}

describe("hot reads as prepared statements", () => {
  let dataSource: AppDataSource;
  afterEach(() => dataSource?.destroy());

  it(EMBEDDED ? "are never named on the embedded database (one session for every connection)" : "are prepared once per connection and serve every value", async () => {
    dataSource = await openSingleConnection(true);
    const before = dataSource.sqlLogger.statementCount;
    expect(await queryPrepared(dataSource.manager, READ, [["USD", "EUR"]])).toEqual([{ code: "EUR" }, { code: "USD" }]);
    expect(await queryPrepared(dataSource.manager, READ, [["JPY"]])).toEqual([{ code: "JPY" }]);
    expect(dataSource.sqlLogger.statementCount - before).toBe(2);
    expect(await preparedTexts(dataSource)).toEqual(EMBEDDED ? [] : [READ]);
  });

  it("leave a statement planned each time for its values unnamed, counted as every statement is", async () => {
    dataSource = await openSingleConnection(true);
    // Named statements on the embedded database too, for this one connection (one session).
    dataSource.preparesStatements = true;
    const before = dataSource.sqlLogger.statementCount;
    try {
      for (let run = 0; run < 7; run++) expect(await queryPlannedEachTime(dataSource.manager, READ, [["JPY"]])).toEqual([{ code: "JPY" }]);
      const named = `${READ} LIMIT 5`;
      expect(await queryPrepared(dataSource.manager, named, [["JPY"]])).toEqual([{ code: "JPY" }]);
      expect(dataSource.sqlLogger.statementCount - before).toBe(8);
      // Only the statement sent by queryPrepared is named, on the same connection.
      expect(await preparedTexts(dataSource)).toEqual([named]);
    } finally {
      await dataSource.query("DEALLOCATE ALL");
    }
  });

  it.each([
    ["a filter", { filter: { states: ["POSTED" as never] } }, { resellerIds: "all" as const }],
    ["a reach of resellers", {}, { resellerIds: [] as string[] }],
  ])("leave a listing's page and count unnamed when it has %s: their plans depend on the values", async (_name, args, reach) => {
    dataSource = await openSingleConnection(true);
    // Named statements on the embedded database too, for this one connection (one session).
    dataSource.preparesStatements = true;
    const store = new PaymentStore(dataSource.manager);
    try {
      if (Array.isArray(reach.resellerIds)) {
        const resellers: Array<{ id: string }> = await dataSource.query(`SELECT id FROM reseller ORDER BY code LIMIT 2`);
        reach.resellerIds.splice(0, reach.resellerIds.length, ...resellers.map((reseller) => reseller.id));
      }
      for (let run = 0; run < 7; run++) {
        const page = await store.list({ ...args, size: 1, countCap: 10 }, reach);
        await page.count();
      }
      expect(await preparedTexts(dataSource)).toEqual([]);
    } finally {
      await dataSource.query("DEALLOCATE ALL");
    }
  });

  it("prepare a listing's page with no condition at all (one plan whatever the values), never its count", async () => {
    dataSource = await openSingleConnection(true);
    dataSource.preparesStatements = true;
    const store = new PaymentStore(dataSource.manager);
    try {
      for (let run = 0; run < 7; run++) {
        const page = await store.list({ size: 1 + (run % 2), countCap: 10 }, { resellerIds: "all" });
        await page.count();
      }
      const prepared = await preparedTexts(dataSource);
      expect({ pages: prepared.filter((text) => text.includes("LIMIT") && !text.includes("count(*)")).length, counts: prepared.filter((text) => text.includes("count(*)")) }).toEqual({
        pages: 1,
        counts: [],
      });
    } finally {
      await dataSource.query("DEALLOCATE ALL");
    }
  });

  it("are not named when DATABASE_PREPARED_STATEMENTS is false", async () => {
    dataSource = await openSingleConnection(false);
    expect(await queryPrepared(dataSource.manager, READ, [["USD"]])).toEqual([{ code: "USD" }]);
    expect(await preparedTexts(dataSource)).toEqual([]);
  });

  it("run inside the caller's transaction", async () => {
    dataSource = await openSingleConnection(true);
    const seen = await dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO currency (code, life_cycle_state, integer_part_name, decimal_part_name, minor_unit_digits) VALUES ('XTS', 'EFFECTIVE', 'test', 'test', 2)`);
      return queryPrepared(manager, READ, [["XTS"]]);
    }).finally(() => dataSource.query(`DELETE FROM currency WHERE code = 'XTS'`));
    expect(seen).toEqual([{ code: "XTS" }]);
  });

  it("fail as TypeORM's statements do, with the driver's error inside", async () => {
    dataSource = await openSingleConnection(true);
    const failure = await queryPrepared(dataSource.manager, `SELECT no_such_column FROM currency WHERE code = $1`, ["USD"]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toMatchObject({ code: "42703" });
  });
});

describe("a statement of a transaction whose connection is gone", () => {
  let dataSource: AppDataSource;
  afterEach(() => dataSource?.destroy());

  it("fails with 08003 and is sent nowhere: not on the pool, not on the client the runner gave back", async () => {
    dataSource = await openSingleConnection(true);
    let manager: EntityManager | undefined;
    await dataSource.transaction(async (inTransaction) => {
      manager = inTransaction;
      await queryPrepared(inTransaction, READ, [["USD"]]);
    });
    const runner = manager!.queryRunner!;
    expect(runner.isReleased).toBe(true);
    const pool = poolOf(dataSource)!;
    // TypeORM still hands out the client it gave back to the pool: whoever holds it now must not get our statement.
    const givenBack = await pgClientOf(runner);
    const sent = [jest.spyOn(pool, "query"), jest.spyOn(pool, "connect"), jest.spyOn(givenBack, "query")];
    const before = dataSource.sqlLogger.statementCount;

    const failure = await queryPrepared(manager!, READ, [["USD"]]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toBeInstanceOf(TransactionConnectionLostError);
    expect(failure).toMatchObject({ code: CONNECTION_DOES_NOT_EXIST });
    expect(isDatabaseUnavailable(failure)).toBe(true);
    for (const spy of sent) expect(spy).not.toHaveBeenCalled();
    expect(dataSource.sqlLogger.statementCount - before).toBe(1);
  });
});

describe("findEntities", () => {
  let dataSource: AppDataSource;
  beforeAll(async () => {
    dataSource = await openSingleConnection(true);
  });
  afterAll(() => dataSource.destroy());

  it("reads entities whose properties equal the values, or any of a list, in order", async () => {
    const found = await findEntities(dataSource.manager, Currency, { code: ["USD", "EUR"] }, { orderBy: "code" });
    expect(found.map((currency) => currency.code)).toEqual(["EUR", "USD"]);
    expect(found[0]).toBeInstanceOf(Currency);
    expect(await findEntities(dataSource.manager, Currency, { code: "JPY", prefixSymbol: null })).toEqual(
      await dataSource.getRepository(Currency).find({ where: { code: "JPY", prefixSymbol: IsNull() } }),
    );
  });

  it("refuses to read without a condition", async () => {
    await expect(findEntities(dataSource.manager, Currency, { code: undefined })).rejects.toThrow(/at least one condition/);
  });
});
