import { getIntrospectionQuery } from "graphql";
import { STANDARD_INTROSPECTION_QUERY } from "../../src/server/introspection-cost";
import { introspectionBomb } from "../support/abusive-queries";
import { snapshotDatabase } from "../support/test-database";
import { slowestLivenessProbeDuring, timed } from "../support/liveness";
import { useTestApi, type TestApi } from "../support/test-api";

const api = useTestApi();

describe("abusive queries are refused at once while /health/live keeps answering (bounds generous for a shared machine; docs/access.md records measured times)", () => {
  it("a fragment bomb: 30 fragments, each spreading the next one twice", async () => {
    const n = 30;
    const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on Payment { ...F${i + 1} ...F${i + 1} }`).join("\n");
    const query = `{ payments(first: 1) { edges { node { ...F0 } } } }\n${fragments}\nfragment F${n} on Payment { number events { type } }`;
    const snapshot = await snapshotDatabase(api.dataSource);
    const before = api.dataSource.sqlLogger.statementCount;
    let outcome!: { result: Awaited<ReturnType<TestApi["graphql"]>>; ms: number };
    const probe = await slowestLivenessProbeDuring(api, async () => {
      outcome = await timed(() => api.graphql(query));
    });
    expect(outcome.result.status).toBe(400);
    expect(outcome.result.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(outcome.result.errors?.[0].message).toMatch(/^The query costs (more than )?\d+; at most 20000 is allowed\. Ask for fewer/);
    expect(outcome.result.data).toBeUndefined();
    expect(outcome.ms).toBeLessThan(2000);
    expect(probe.slowestMs).toBeLessThan(1500);
    expect(probe.longestGapMs).toBeLessThan(2000);
    // Only the token check ran.
    expect(api.dataSource.sqlLogger.statementCount - before).toBeLessThanOrEqual(2);
    expect(await snapshotDatabase(api.dataSource)).toEqual(snapshot);
  });

  it("a 92 kB alias flood (2,200 aliases) is refused while parsing, for its size", async () => {
    const query = `{${Array.from({ length: 2200 }, (_, i) => `a${i}:payments(first:100){edges{node{id}}}`).join(" ")}}`;
    expect(query.length).toBeGreaterThan(90_000);
    let outcome!: { result: Awaited<ReturnType<TestApi["graphql"]>>; ms: number };
    const probe = await slowestLivenessProbeDuring(api, async () => {
      outcome = await timed(() => api.graphql(query));
    });
    expect(outcome.result.status).toBe(400);
    expect(outcome.result.errors?.[0].extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(outcome.result.errors?.[0].message).toBe(
      "The query has more than 10000 tokens; at most 10000 are allowed. Send a smaller document: fewer fields, aliases or fragments.",
    );
    expect(outcome.result.errors?.[0].extensions?.maxTokens).toBe(10000);
    expect(outcome.ms).toBeLessThan(2000);
    expect(probe.slowestMs).toBeLessThan(1500);
    expect(probe.longestGapMs).toBeLessThan(2000);
  });

  it("one field repeated 9,000 times (99 kB) is refused by validation, with what to change", async () => {
    let outcome!: { result: Awaited<ReturnType<TestApi["graphql"]>>; ms: number };
    const probe = await slowestLivenessProbeDuring(api, async () => {
      outcome = await timed(() => api.graphql(`{ ${"__typename ".repeat(9_000)}}`));
    });
    expect(outcome.result.status).toBe(400);
    expect(outcome.result.errors).toEqual([
      {
        message: "The query is too large to check: it repeats fields or fragments too often. Ask for each field once.",
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      },
    ]);
    expect(outcome.ms).toBeLessThan(2000);
    expect(probe.slowestMs).toBeLessThan(1500);
    expect(probe.longestGapMs).toBeLessThan(2000);
  });

  it("a 1.4 kB introspection alias bomb is refused in milliseconds, and the process does not grow", async () => {
    const query = introspectionBomb(12);
    expect(query.length).toBeLessThan(1500);
    // Whatever any first request costs (this process runs the API) is not measured.
    expect((await api.graphql(`{ __schema { queryType { name } } }`)).status).toBe(200);
    const rssBefore = process.memoryUsage().rss;
    const cpuBefore = process.cpuUsage();
    const outcome = await timed(() => api.graphql(query));
    const cpu = process.cpuUsage(cpuBefore);
    const grownBy = process.memoryUsage().rss - rssBefore;
    expect(outcome.result.status).toBe(400);
    expect(outcome.result.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(outcome.result.errors?.[0].message).toMatch(/^The query's introspection returns more than \d+ fields; at most \d+ are allowed\. Ask for each introspection field once: fewer aliases\.$/);
    expect(outcome.result.data).toBeUndefined();
    // Measured some 30 ms on an idle machine: CPU time is what the request costs whatever the load, wall time bounds it generously.
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(500);
    expect(outcome.ms).toBeLessThan(2000);
    expect(grownBy).toBeLessThan(8 * 2 ** 20);
  });

  it.each([
    ["the standard introspection query with every option", STANDARD_INTROSPECTION_QUERY],
    ["GraphiQL's introspection query", getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true })],
  ])("%s is answered, every time", async (_name, query) => {
    for (let time = 0; time < 3; time++) {
      const res = await api.graphql(query);
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data.__schema.types.map((type: { name: string }) => type.name)).toContain("Payment");
    }
  });

  it("a fragment cycle is refused by validation", async () => {
    const res = await api.graphql(`{ payments { edges { node { ...A } } } } fragment A on Payment { number ...B } fragment B on Payment { ...A }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors?.[0].message).toMatch(/Cannot spread fragment "A" within itself/);
  });
});
