import { In, type DataSource, type EntityManager, type ObjectLiteral, type QueryRunner } from "typeorm";
import { EntityRows, entityRows } from "../../src/database/entity-rows";
import { queryPreparedValues } from "../../src/database/prepared-statements";
import type { AppDataSource } from "../../src/database/data-source";
import {
  Currency,
  CurrencyLifeCycleState,
  CurrencyRatePeriod,
  ENTITIES,
  FinancialTransactionCategory,
  FinancialTransactionType,
  OperationStatus,
  Payment,
  PaymentCancellation,
  PaymentCancellationState,
  PaymentEvent,
  PaymentModel,
  PaymentOperationRecord,
  PaymentState,
  RejectionReason,
  Reseller,
} from "../../src/domain";
import { PaymentOperation } from "../../src/domain/payment-operation";
import { ODD_ENTITIES, openOddDataSource } from "../support/odd-entities";
import { openTestDatabase, workerDatabaseUrl } from "../support/test-database";

type AnyEntity = new () => ObjectLiteral;
/** The ids of the rows this test wrote of an entity, in order. */
type Made = (entity: AnyEntity) => string[];

/** One of the values, by the row's number: rows take an enum's values in turn. */
function nth<T>(values: readonly T[], n: number): T {
  return values[n % values.length];
}

/**
 * Row `n` (1, 2, 3) of each entity of the product, every column set, with values at the edges of
 * what its column holds: numerics with all their decimals, timestamps to the millisecond, dates,
 * nested JSON, enums. Row 2 is written with every nullable column null. Listed parents first.
 */
const ROWS = new Map<AnyEntity, (n: number, made: Made) => ObjectLiteral>([
  [Reseller, (n, made) => ({ code: `entity-rows-${n}`, name: `Reseller ${n} “quoted” ✓`, parentId: made(Reseller)[0] ?? null, createdAt: new Date(Date.UTC(2001, 0, n, 12, 0, 0, 123)) })],
  [
    Currency,
    (n) => ({
      code: `QZ${"ABC"[n - 1]}`,
      prefixSymbol: "¤",
      suffixSymbol: " zł",
      lifeCycleState: nth(Object.values(CurrencyLifeCycleState), n),
      integerPartName: "unit",
      decimalPartName: "cent",
      minorUnitDigits: n,
    }),
  ],
  [
    CurrencyRatePeriod,
    (n, made) => ({ currencyId: made(Currency)[n - 1], rate: "123456789012.123456789012", inverseRate: "0.000000000001", fromDate: "2024-02-29", toDate: "9999-12-31" }),
  ],
  [FinancialTransactionType, (n) => ({ name: `Entity rows type ${n}`, alternativeCode: `ER-TYPE-${n}` })],
  [FinancialTransactionCategory, (n) => ({ name: `Entity rows category ${n}`, code: `ER-CAT-${n}` })],
  [RejectionReason, (n) => ({ name: `Entity rows reason ${n}`, alternativeCode: `ER-REASON-${n}` })],
  [
    Payment,
    (n, made) => ({
      number: `ER-${n}`,
      referenceNumber: `ER-REF-${n}`,
      backOfficeCode: `ER-BO-${n}`,
      lifeCycleState: nth(Object.values(PaymentState), n),
      issuedOn: new Date("1999-12-31T23:59:59.999Z"),
      postedOn: new Date("2000-01-01T00:00:00.001Z"),
      amount: n === 1 ? "999999999999999.9999" : "0.0001",
      currencyId: made(Currency)[0],
      currencyRatePeriodId: made(CurrencyRatePeriod)[0],
      paymentModel: nth(Object.values(PaymentModel), n),
      resellerId: made(Reseller)[0],
      vendorCode: "crmcom",
      vendorPaymentId: `er-${n}`,
      vendorResellerId: "vendor-reseller",
      gatewayName: "gateway",
      gatewayReferenceNumber: `GW-${n}`,
      rejectionReasonId: made(RejectionReason)[0],
      closedAt: new Date("2038-01-19T03:14:07.999Z"),
    }),
  ],
  [
    PaymentOperationRecord,
    (n, made) => ({
      paymentId: made(Payment)[n - 1],
      operation: nth(Object.values(PaymentOperation), n),
      // Row 2 has no result: an operation still open.
      status: [OperationStatus.SUCCEEDED, OperationStatus.IN_PROGRESS, OperationStatus.REFUSED][n - 1],
      idempotencyScope: "entity-rows",
      idempotencyKey: `key-${n}`,
      requestFingerprint: "f".repeat(64),
      vendorRequest: { amount: "12.3400", nested: { list: [1, "two", null, { three: 3.25 }] } },
      prepared: [],
      reservedBackOfficeCode: `ER-OP-${n}`,
      result: { __typename: "CancelPaymentSuccess", note: "é ✓" },
      actor: "entity-rows",
      actorResellerId: made(Reseller)[0],
      attempts: n,
      leaseUntil: new Date("2030-06-30T23:59:59.999Z"),
      nextAttemptAt: new Date("2030-07-01T00:00:00.000Z"),
      vendorOutcome: { kind: "unknown", reason: "timeout" },
      lastError: "line one\nline two",
      completedAt: new Date("2030-07-01T00:00:00.500Z"),
      reportedState: { state: nth(Object.values(PaymentState), n), reportedAt: "2030-07-01T00:00:00.250Z", reportedBy: "pay_entity_rows" },
    }),
  ],
  [
    PaymentCancellation,
    (n, made) => ({
      paymentId: made(Payment)[n - 1],
      vendorCode: "crmcom",
      operationId: made(PaymentOperationRecord)[n - 1],
      number: `ER-C-${n}`,
      referenceNumber: `ER-C-REF-${n}`,
      vendorRecordKnown: n !== 1,
      vendorId: `vendor-${n}`,
      vendorAmount: "123456789012345.6789",
      vendorCurrencyRatePeriod: { id: "p-1", rate: "1.123456789012", inverseRate: null, fromDate: "2024-01-01", toDate: null, currencyCode: "EUR" },
      lifeCycleState: nth(Object.values(PaymentCancellationState), n),
      issuedOn: new Date("2024-02-29T23:59:59.999Z"),
      postedOn: new Date("2024-03-01T00:00:00.000Z"),
      amount: "0.0001",
      financialTransactionTypeId: made(FinancialTransactionType)[0],
      financialTransactionCategoryId: made(FinancialTransactionCategory)[0],
      currencyRatePeriodId: made(CurrencyRatePeriod)[0],
      notes: "notes",
      backOfficeCode: `ER-C-BO-${n}`,
      issueReason: "reason",
      ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`udfString${i}`, `udf ${i}`])),
      ...Object.fromEntries([1, 2, 3, 4].map((i) => [`udfFloat${i}`, `${i}2345678901234567890.1234567890`])),
      ...Object.fromEntries([1, 2, 3, 4].map((i) => [`udfDate${i}`, ["0001-01-01", "1970-01-01", "2024-02-29", "9999-12-31"][i - 1]])),
      gatewayName: "gateway",
      gatewayReferenceNumber: `GW-C-${n}`,
      createdAt: new Date("2024-03-01T00:00:00.999Z"),
    }),
  ],
  [
    PaymentEvent,
    (n, made) => ({
      paymentId: made(Payment)[0],
      operationId: made(PaymentOperationRecord)[0],
      type: "STATE_CHANGED",
      actor: "entity-rows",
      actorResellerId: made(Reseller)[0],
      fromState: nth(Object.values(PaymentState), n),
      toState: nth(Object.values(PaymentState), n + 1),
      vendorOutcome: "SUCCEEDED",
      detail: "detail",
      occurredAt: new Date(Date.UTC(2024, 1, 29, 0, 0, 0, n)),
    }),
  ],
]);

/** Row 2 of each entity: every nullable column null. */
function sparse(manager: EntityManager, entity: AnyEntity, row: ObjectLiteral): ObjectLiteral {
  const nullable = manager.connection.getMetadata(entity).columns.filter((column) => column.isNullable);
  return { ...row, ...Object.fromEntries(nullable.map((column) => [column.propertyName, null])) };
}

describe("EntityRows reads every entity of the product as TypeORM's find does", () => {
  let dataSource: AppDataSource;
  let runner: QueryRunner;
  const made = new Map<AnyEntity, string[]>();

  beforeAll(async () => {
    dataSource = await openTestDatabase();
    runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    for (const [entity, row] of ROWS) {
      made.set(entity, []);
      for (const n of [1, 2, 3]) {
        const values = row(n, (parent) => made.get(parent) ?? []);
        const inserted = await runner.manager.insert(entity, n === 2 ? sparse(runner.manager, entity, values) : values);
        made.get(entity)!.push(inserted.identifiers[0].id);
      }
    }
  });
  afterAll(async () => {
    await runner?.rollbackTransaction();
    await runner?.release();
    await dataSource?.destroy();
  });

  it("has rows for every entity, each nullable column both null and set in them", async () => {
    expect(new Set(ROWS.keys())).toEqual(new Set(ENTITIES));
    for (const entity of ENTITIES) {
      const written = await runner.manager.find(entity, { where: { id: In(made.get(entity)!) } });
      for (const column of dataSource.getMetadata(entity).columns.filter((candidate) => candidate.isNullable)) {
        const values = written.map((row) => (row as ObjectLiteral)[column.propertyName]);
        expect({ column: `${entity.name}.${column.propertyName}`, hasNull: values.includes(null), hasValue: values.some((value) => value !== null) }).toEqual({
          column: `${entity.name}.${column.propertyName}`,
          hasNull: true,
          hasValue: true,
        });
      }
    }
  });

  it.each(ENTITIES.map((entity) => [entity.name, entity] as const))("%s: every row, the demo data's and those written here", async (_name, entity) => {
    const rows = entityRows(dataSource, entity as AnyEntity, "e");
    const read = await queryPreparedValues(runner.manager, `SELECT ${rows.selectList} FROM ${rows.from} ORDER BY ${rows.column("id")}`, []);
    const typeorms = await runner.manager.find(entity, { order: { id: "ASC" } });
    expect(read.map((values) => rows.hydrate(values))).toStrictEqual(typeorms);
    expect(typeorms.map((row) => row.id)).toEqual(expect.arrayContaining(made.get(entity)!));
  });

  it("reads an entity at an offset of a joined row, and none where a LEFT JOIN found none", async () => {
    const payment = entityRows(dataSource, Payment, "p");
    const currency = entityRows(dataSource, Currency, "c");
    const read = await queryPreparedValues(
      runner.manager,
      `SELECT ${payment.selectList}, ${currency.selectList} FROM ${payment.from} LEFT JOIN ${currency.from} ON c.id = p.currency_id AND p.number = 'ER-1' WHERE p.id = ANY($1) ORDER BY p.number`,
      [made.get(Payment)],
    );
    const [first, second] = read.map((values) => [payment.hydrate(values), currency.hydrate(values, payment.width)]);
    expect(first).toStrictEqual([await runner.manager.findOneBy(Payment, { number: "ER-1" }), await runner.manager.findOneBy(Currency, { id: made.get(Currency)![0] })]);
    expect(second[1]).toBeNull();
  });
});

describe("EntityRows refuses, when first asked, an entity it cannot read as TypeORM does", () => {
  let odd: DataSource;
  beforeAll(async () => {
    odd = await openOddDataSource(workerDatabaseUrl());
  });
  afterAll(() => odd?.destroy());

  it.each(ODD_ENTITIES.map((entry) => [entry.entity.name, entry] as const))("%s, naming the entity or column and why", (_name, { entity, names, refusal }) => {
    expect(() => new EntityRows(odd, entity, "o")).toThrow(`EntityRows cannot read ${names} as TypeORM does: ${refusal}`);
  });

  it("reads a plain entity beside them", () => {
    expect(new EntityRows(odd, Currency, "c").width).toBe(8);
  });
});
