import { PaymentEventSequence1764400000000 } from "../../src/database/migrations/1764400000000-PaymentEventSequence";
import { useTestApi } from "../support/test-api";
import { inRolledBackTransaction } from "../support/test-database";

const api = useTestApi();

const EVENTS = `query($n: String!, $last: Int) { payment(identifier: { number: $n }) { events(last: $last) { type } } }`;

async function typesOf(number: string, last?: number): Promise<string[]> {
  const res = await api.graphql(EVENTS, { n: number, last });
  expect(res.errors).toBeUndefined();
  return res.data.payment.events.map((event: { type: string }) => event.type);
}

/** The SQL statements `run` sends (text and parameters), read from the data source's statement log. */
async function loggedStatements(run: () => Promise<unknown>): Promise<Array<{ text: string; params: unknown[] }>> {
  const log = jest.spyOn(api.dataSource.sqlLogger, "logQuery");
  try {
    await run();
    return log.mock.calls.map((call) => ({ text: String((call as unknown[])[0]), params: ((call as unknown[])[1] ?? []) as unknown[] }));
  } finally {
    log.mockRestore();
  }
}
const statementsOf = async (run: () => Promise<unknown>) => (await loggedStatements(run)).map((statement) => statement.text);

/** How many rows of payment_event PostgreSQL read to run a statement, from its plan as run. */
async function eventRowsRead(statement: { text: string; params: unknown[] }): Promise<number> {
  const [{ "QUERY PLAN": [plan] }] = await api.dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, statement.params);
  const scans: Array<Record<string, any>> = [];
  const walk = (node: Record<string, any>) => {
    if (node["Relation Name"] === "payment_event") scans.push(node);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan.Plan);
  return scans.reduce((rows, scan) => rows + scan["Actual Rows"] * scan["Actual Loops"], 0);
}

const paymentId = async (number: string): Promise<string> => (await api.dataSource.query(`SELECT id FROM payment WHERE number = $1`, [number]))[0].id;

describe("a payment's events, in the order they were written", () => {
  it("events written in one transaction come back in write order, whatever their ids; last: 1 is the latest", async () => {
    const id = await paymentId("1003");
    // One transaction: one occurred_at for all; ids that sort the other way round from the writes.
    await api.dataSource.transaction(async (manager) => {
      for (const [i, type] of ["FIRST", "SECOND", "THIRD", "FOURTH"].entries()) {
        await manager.query(`INSERT INTO payment_event (id, payment_id, type, actor) VALUES ($1, $2, $3, 'test')`, [`${9 - i}0000000-0000-4000-8000-000000000000`, id, type]);
      }
    });
    expect(await typesOf("1003")).toEqual(["FIRST", "SECOND", "THIRD", "FOURTH"]);
    expect(await typesOf("1003", 1)).toEqual(["FOURTH"]);
    expect(await typesOf("1003", 3)).toEqual(["SECOND", "THIRD", "FOURTH"]);
  });

  it("an operation's own events keep their order: started, then the state change", async () => {
    const voided = await api.graphql(`mutation { voidPayment(input: { payment: { number: "1001" } }) { __typename } }`);
    expect(voided.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
    expect(await typesOf("1001")).toEqual(["OPERATION_STARTED", "STATE_CHANGED"]);
    expect(await typesOf("1001", 1)).toEqual(["STATE_CHANGED"]);
  });

  it("a payment with 5,000 events answers last: 2 with the latest two, by one statement that reads at most two rows a payment", async () => {
    const id = await paymentId("1002");
    await api.dataSource.query(
      `INSERT INTO payment_event (payment_id, type, actor) SELECT $1, 'E-' || i, 'test' FROM generate_series(1, 5000) i ORDER BY i`,
      [id],
    );
    await api.dataSource.query(`ANALYZE payment_event`);
    let latest: string[] = [];
    const statements = await loggedStatements(async () => (latest = await typesOf("1002", 2)));
    expect(latest).toEqual(["E-4999", "E-5000"]);
    const eventReads = statements.filter((statement) => /\bpayment_event\b/.test(statement.text));
    expect(eventReads).toHaveLength(1);
    expect(eventReads[0].text).toMatch(/ORDER BY e\.sequence DESC LIMIT k\.last/);
    expect(await eventRowsRead(eventReads[0])).toBe(2);
  });

  it("answers different `last` of every payment of a page by one statement", async () => {
    for (const [number, count] of [["1005", 4], ["1006", 2]] as const) {
      await api.dataSource.query(`INSERT INTO payment_event (payment_id, type, actor) SELECT $1, 'E-' || i, 'test' FROM generate_series(1, $2::int) i ORDER BY i`, [
        await paymentId(number),
        count,
      ]);
    }
    const query = `{ payments(first: 100) { edges { node { number one: events(last: 1) { type } three: events(last: 3) { type } } } } }`;
    let nodes: Array<{ number: string }> = [];
    const statements = await statementsOf(async () => (nodes = (await api.graphql(query)).data.payments.edges.map((edge: { node: { number: string } }) => edge.node)));
    expect(nodes.length).toBeGreaterThan(10);
    expect(nodes.filter((node) => ["1005", "1006"].includes(node.number))).toEqual([
      { number: "1005", one: [{ type: "E-4" }], three: [{ type: "E-2" }, { type: "E-3" }, { type: "E-4" }] },
      { number: "1006", one: [{ type: "E-2" }], three: [{ type: "E-1" }, { type: "E-2" }] },
    ].sort((a, b) => nodes.findIndex((n) => n.number === a.number) - nodes.findIndex((n) => n.number === b.number)));
    expect(statements.filter((sql) => /\bpayment_event\b/.test(sql))).toHaveLength(1);
  });
});

describe("the migration that numbers events", () => {
  it("numbers existing events in the order they were read before (time, then id) and new ones after them", async () => {
    await inRolledBackTransaction(api.dataSource, async (q) => {
      const migration = new PaymentEventSequence1764400000000();
      await migration.down(q);
      const [{ id }] = await q.query(`SELECT id FROM payment WHERE number = '1004'`);
      await q.query(
        `INSERT INTO payment_event (id, payment_id, type, actor, occurred_at) VALUES
           ('30000000-0000-4000-8000-000000000000', $1, 'LATER', 'test', '2025-01-02'),
           ('20000000-0000-4000-8000-000000000000', $1, 'TIED-B', 'test', '2025-01-01'),
           ('10000000-0000-4000-8000-000000000000', $1, 'TIED-A', 'test', '2025-01-01')`,
        [id],
      );
      await migration.up(q);
      await q.query(`INSERT INTO payment_event (payment_id, type, actor, occurred_at) VALUES ($1, 'NEW', 'test', '2024-12-31')`, [id]);
      const ordered = await q.query(`SELECT type FROM payment_event WHERE payment_id = $1 ORDER BY sequence`, [id]);
      expect(ordered.map((row: { type: string }) => row.type)).toEqual(["TIED-A", "TIED-B", "LATER", "NEW"]);
      await expect(q.query(`INSERT INTO payment_event (payment_id, type, actor, sequence) VALUES ($1, 'FORGED', 'test', 1)`, [id])).rejects.toThrow(/sequence/);
    });
  });
});
