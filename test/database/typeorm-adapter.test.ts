import { Client, Pool } from "pg";
import { Column, DataSource, Entity, PrimaryColumn, QueryFailedError, type QueryRunner } from "typeorm";
import { createDataSource, type AppDataSource } from "../../src/database/data-source";
import { EntityRows } from "../../src/database/entity-rows";
import { columnsOf, pgClientOf, poolOf, runAsTypeOrm } from "../../src/database/typeorm-adapter";
import { Currency, Payment } from "../../src/domain";
import { EMBEDDED, openTestDatabase, workerDatabaseUrl } from "../support/test-database";
import { ODD_ENTITIES, openOddDataSource } from "../support/odd-entities";

/**
 * The upgrade test of src/database/typeorm-adapter.ts: what the code takes from TypeORM beyond
 * its documented API, checked against the installed TypeORM. After an upgrade of `typeorm`, a
 * failure here names the internal that changed; fix the adapter (only it), not the callers.
 */

let dataSource: AppDataSource;
beforeAll(async () => {
  await (await openTestDatabase()).destroy();
  dataSource = createDataSource(workerDatabaseUrl(), { poolSize: 2, embedded: EMBEDDED });
  await dataSource.initialize();
});
afterAll(() => dataSource?.destroy());

describe("the pool", () => {
  it("is the postgres driver's pg Pool, with the data source's settings, there only while it is open", async () => {
    const pool = poolOf(dataSource);
    expect(pool).toBeInstanceOf(Pool);
    expect(pool!.options.max).toBe(EMBEDDED ? 1 : 2);
    expect((await pool!.query("SELECT 41 + 1 AS answer")).rows).toEqual([{ answer: 42 }]);

    const closed = createDataSource(workerDatabaseUrl(), { poolSize: 1, embedded: EMBEDDED });
    expect(poolOf(closed)).toBeUndefined();
    await closed.initialize();
    expect(poolOf(closed)).toBeInstanceOf(Pool);
    await closed.destroy();
    expect(poolOf(closed)).toBeUndefined();
  });
});

describe("a query runner", () => {
  it("of a transaction hands out its pg client: the transaction's own connection", async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL application_name = 'adapter-test'`);
      const client = await pgClientOf(manager.queryRunner!);
      expect(client).toBeInstanceOf(Client);
      expect(await pgClientOf(manager.queryRunner!)).toBe(client);
      expect((await client.query(`SELECT current_setting('application_name') AS name`)).rows).toEqual([{ name: "adapter-test" }]);
      expect((await client.query(`SELECT now() = statement_timestamp() AS outside`)).rows).toEqual([{ outside: false }]);
    });
  });

  it("reports isReleased once released: after its transaction, or when released by hand", async () => {
    let runner: QueryRunner | undefined;
    await dataSource.transaction(async (manager) => {
      runner = manager.queryRunner;
      expect(runner?.isReleased).toBe(false);
    });
    expect(runner?.isReleased).toBe(true);

    const byHand = dataSource.createQueryRunner();
    await pgClientOf(byHand);
    expect(byHand.isReleased).toBe(false);
    await byHand.release();
    expect(byHand.isReleased).toBe(true);
  });
});

describe("a statement run as TypeORM runs its own", () => {
  const logger = () => dataSource.logger as unknown as Record<"logQuery" | "logQuerySlow" | "logQueryError", (...args: unknown[]) => void>;
  const calls = (method: "logQuery" | "logQuerySlow" | "logQueryError") => jest.spyOn(logger(), method);
  const byAdapter = (text: string, parameters: unknown[]) => runAsTypeOrm(dataSource, undefined, text, parameters, () => poolOf(dataSource)!.query(text, parameters));
  afterEach(() => jest.restoreAllMocks());

  it("is logged, and so counted, with its text and parameters", async () => {
    const logged = calls("logQuery");
    const text = `SELECT $1::int + 1 AS next`;
    await dataSource.query(text, [1]);
    await byAdapter(text, [1]);
    expect(logged.mock.calls.map(([query, parameters]) => [query, parameters])).toEqual([
      [text, [1]],
      [text, [1]],
    ]);
  });

  it("fails with a QueryFailedError around the driver's error, logged", async () => {
    const logged = calls("logQueryError");
    const text = `SELECT no_such_column FROM currency WHERE code = $1`;
    const typeorms = await dataSource.query(text, ["USD"]).catch((error: unknown) => error);
    const ours = await byAdapter(text, ["USD"]).catch((error: unknown) => error);
    for (const failure of [typeorms, ours]) {
      expect(failure).toBeInstanceOf(QueryFailedError);
      expect(failure).toMatchObject({ query: text, parameters: ["USD"], code: "42703", driverError: expect.objectContaining({ code: "42703" }) });
    }
    expect((ours as Error).message).toBe((typeorms as Error).message);
    expect(logged.mock.calls.map(([error, query, parameters]) => [(error as { code?: string }).code, query, parameters])).toEqual([
      ["42703", text, ["USD"]],
      ["42703", text, ["USD"]],
    ]);
  });

  it("is logged as slow past maxQueryExecutionTime", async () => {
    const logged = calls("logQuerySlow");
    const limit = dataSource.options.maxQueryExecutionTime!;
    const text = `SELECT pg_sleep($1::float8 / 1000) IS NULL AS slept`;
    await dataSource.query(text, [limit + 50]);
    await byAdapter(text, [limit + 50]);
    expect(logged.mock.calls.map(([elapsed, query, parameters]) => [(elapsed as number) > limit, query, parameters])).toEqual([
      [true, text, [limit + 50]],
      [true, text, [limit + 50]],
    ]);
  });
});

describe("entity metadata", () => {
  it("describes an entity's table and columns: names, types, the primary key", () => {
    const payment = columnsOf(dataSource, Payment);
    expect({ name: payment.name, table: payment.table, features: payment.features }).toEqual({ name: "Payment", table: "payment", features: [] });
    const byProperty = Object.fromEntries(payment.columns.map(({ property, databaseName, type, primary, features }) => [property, { databaseName, type, primary, features }]));
    expect(byProperty).toMatchObject({
      id: { databaseName: "id", type: "uuid", primary: true, features: [] },
      lifeCycleState: { databaseName: "life_cycle_state", type: "enum", primary: false },
      issuedOn: { databaseName: "issued_on", type: "timestamptz" },
      amount: { databaseName: "amount", type: "numeric" },
      createdAt: { databaseName: "created_at", type: "timestamptz" },
      version: { databaseName: "version", type: "int4" },
    });
  });

  it("reports what TypeORM's reads do beyond plain columns, the columns' types and the primary key", async () => {
    const odd = await openOddDataSource(workerDatabaseUrl());
    try {
      for (const { entity, reported } of ODD_ENTITIES) {
        const described = columnsOf(odd, entity);
        const facts = [
          ...described.features,
          ...described.columns.flatMap((column) => [...column.features, `type ${column.type}`]),
          `${described.columns.filter((column) => column.primary).length} primary key columns`,
        ];
        expect({ entity: entity.name, facts: facts.join("; ") }).toEqual({ entity: entity.name, facts: expect.stringContaining(reported) });
      }
      expect(columnsOf(odd, Currency).features).toEqual([]);
    } finally {
      await odd.destroy();
    }
  });
});

/** One column of each type EntityRows reads, with values at the edges of what the type holds. */
const EVERY_TYPE: ReadonlyArray<{ type: string; values: unknown[] }> = [
  { type: "uuid", values: ["00000000-0000-4000-8000-000000000000", "ffffffff-ffff-4fff-bfff-ffffffffffff"] },
  { type: "varchar", values: ["", "Zürich ✓ 'quoted' \\ \"double\""] },
  { type: "character varying", values: ["text"] },
  { type: "text", values: ["line\nbreak", "x".repeat(300)] },
  { type: "char", values: ["A"] },
  { type: "character", values: ["Z"] },
  { type: "numeric", values: ["123456789012345678901234567890.123456789012345678", "-0.000000000001", "0", "1e-20", "NaN"] },
  { type: "decimal", values: ["99999999999999999999.9999999999"] },
  { type: "smallint", values: [-32768, 32767] },
  { type: "integer", values: [-2147483648, 2147483647] },
  { type: "int", values: [0] },
  { type: "int2", values: [7] },
  { type: "int4", values: [-1] },
  { type: "bigint", values: ["9223372036854775807", "-9223372036854775808"] },
  { type: "int8", values: ["42"] },
  { type: "boolean", values: [true, false] },
  { type: "bool", values: [false] },
  { type: "jsonb", values: [{ nested: { list: [1, "two", null, { three: 3.25 }] }, unicode: "é" }, [], "just a string", 12.5] },
  { type: "json", values: [{ kept: "as written", order: [2, 1] }] },
  { type: "timestamptz", values: ["1999-12-31T23:59:59.999Z", "2024-02-29T00:00:00.001+05:30", "infinity"] },
  { type: "timestamp with time zone", values: ["1970-01-01T00:00:00.000Z"] },
  { type: "date", values: ["2024-02-29", "0001-01-01", "9999-12-31"] },
  { type: "enum", values: ["FIRST", "SECOND"] },
  { type: "enum", values: ["1", "2"] },
];

@Entity({ name: "adapter_every_type" })
class EveryType {
  @PrimaryColumn({ type: "int" }) id!: number;
}
EVERY_TYPE.forEach(({ type, values }, i) => {
  const options = type === "enum" ? { enum: typeof values[0] === "string" && /^\d/.test(values[0]) ? [1, 2] : ["FIRST", "SECOND"], enumName: `adapter_enum_${i}` } : {};
  Column({ name: `c${i}`, type: type as "varchar", nullable: true, ...options })(EveryType.prototype, `c${i}`);
});

describe("hydration of each column type", () => {
  it("is TypeORM's own, value for value, for every type EntityRows reads, nulls included", async () => {
    const every = new DataSource({ type: "postgres", url: workerDatabaseUrl(), entities: [EveryType], synchronize: false, installExtensions: false, extra: { max: 1 } });
    await every.initialize();
    const runner = every.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const sqlType = (i: number) => (EVERY_TYPE[i].type === "enum" ? `adapter_enum_${i}` : EVERY_TYPE[i].type);
      for (const [i, { type, values }] of EVERY_TYPE.entries()) {
        if (type === "enum") await runner.query(`CREATE TYPE adapter_enum_${i} AS ENUM (${values.map((value) => `'${String(value)}'`).join(", ")})`);
      }
      await runner.query(`CREATE TABLE adapter_every_type (id int PRIMARY KEY, ${EVERY_TYPE.map((_, i) => `c${i} ${sqlType(i)}`).join(", ")})`);
      const rowCount = Math.max(...EVERY_TYPE.map(({ values }) => values.length)) + 1;
      for (let row = 0; row < rowCount; row++) {
        // Row 0 is all nulls; the others take each type's values in turn.
        const values = EVERY_TYPE.map(({ type, values: samples }) => (row === 0 ? null : type === "json" || type === "jsonb" ? JSON.stringify(samples[(row - 1) % samples.length]) : samples[(row - 1) % samples.length]));
        await runner.query(`INSERT INTO adapter_every_type VALUES ($1, ${values.map((_, i) => `$${i + 2}::${sqlType(i)}`).join(", ")})`, [row, ...values]);
      }

      const rows = new EntityRows(every, EveryType, "t");
      const client = await pgClientOf(runner);
      const read = (await client.query({ text: `SELECT ${rows.selectList} FROM ${rows.from} ORDER BY t.id`, rowMode: "array" })).rows as unknown[][];
      const typeorms = await runner.manager.find(EveryType, { order: { id: "ASC" } });
      expect(read.map((values) => rows.hydrate(values))).toStrictEqual(typeorms);

      const columns = columnsOf(every, EveryType).columns;
      for (const [r, values] of read.entries()) {
        const expected = typeorms[r] as unknown as Record<string, unknown>;
        for (const [i, column] of columns.entries()) {
          expect({ type: column.type, row: r, value: column.hydrate(values[i]) }).toStrictEqual({ type: column.type, row: r, value: expected[column.property] });
        }
      }
      // Numeric enums come back as numbers, as TypeORM makes them.
      expect(typeorms.map((entity) => (entity as unknown as Record<string, unknown>)[`c${EVERY_TYPE.length - 1}`])).toEqual([null, 1, 2, 1, 2, 1, 2].slice(0, rowCount));
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
      await every.destroy();
    }
  });
});
