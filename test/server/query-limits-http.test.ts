import { snapshotDatabase } from "../support/test-database";
import { startTestApi, type TestApi } from "../support/test-api";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/**
 * Runs `work` while asking GET /health/live every few milliseconds; answers the slowest probe and
 * the longest time without an answer (the server runs in this process: a blocked event loop
 * shows as a gap even when no probe was in flight).
 */
async function slowestLivenessProbeDuring(work: () => Promise<unknown>): Promise<{ slowestMs: number; longestGapMs: number; probes: number }> {
  const liveUrl = api.url.replace(/\/graphql$/, "/health/live");
  let done = false;
  let slowestMs = 0;
  let longestGapMs = 0;
  let probes = 0;
  let lastAnswer = performance.now();
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(liveUrl);
      expect(response.status).toBe(200);
      await response.text();
      const now = performance.now();
      slowestMs = Math.max(slowestMs, now - started);
      longestGapMs = Math.max(longestGapMs, now - lastAnswer);
      lastAnswer = now;
      probes++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  try {
    await work();
  } finally {
    await new Promise((resolve) => setTimeout(resolve, 20));
    done = true;
    await probing;
  }
  return { slowestMs, longestGapMs, probes };
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

describe("abusive queries are refused within milliseconds while /health/live keeps answering", () => {
  it("a fragment bomb: 30 fragments, each spreading the next one twice", async () => {
    const n = 30;
    const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on Payment { ...F${i + 1} ...F${i + 1} }`).join("\n");
    const query = `{ payments(first: 1) { edges { node { ...F0 } } } }\n${fragments}\nfragment F${n} on Payment { number events { type } }`;
    const snapshot = await snapshotDatabase(api.dataSource);
    const before = api.dataSource.sqlLogger.statementCount;
    let outcome!: { result: Awaited<ReturnType<TestApi["graphql"]>>; ms: number };
    const probe = await slowestLivenessProbeDuring(async () => {
      outcome = await timed(() => api.graphql(query));
    });
    expect(outcome.result.status).toBe(400);
    expect(outcome.result.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(outcome.result.errors?.[0].message).toMatch(/^The query costs (more than )?\d+; at most 20000 is allowed\. Ask for fewer/);
    expect(outcome.result.data).toBeUndefined();
    expect(outcome.ms).toBeLessThan(500);
    expect(probe.slowestMs).toBeLessThan(300);
    expect(probe.longestGapMs).toBeLessThan(500);
    // Only the token check ran.
    expect(api.dataSource.sqlLogger.statementCount - before).toBeLessThanOrEqual(2);
    expect(await snapshotDatabase(api.dataSource)).toEqual(snapshot);
  });

  it("an alias flood: 1,000 aliases of a 100-payment page (over 10,000 nodes) is refused for its cost", async () => {
    const query = `{${Array.from({ length: 1000 }, (_, i) => `a${i}:payments(first:100){edges{node{id}}}`).join(" ")}}`;
    const snapshot = await snapshotDatabase(api.dataSource);
    const before = api.dataSource.sqlLogger.statementCount;
    let outcome!: { result: Awaited<ReturnType<TestApi["graphql"]>>; ms: number };
    const probe = await slowestLivenessProbeDuring(async () => {
      outcome = await timed(() => api.graphql(query));
    });
    expect(outcome.result.status).toBe(400);
    expect(outcome.result.errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", complexity: 1000 * (1 + 1 + 1 + 100 * 4), maxComplexity: 20000 });
    expect(outcome.ms).toBeLessThan(1000);
    expect(probe.slowestMs).toBeLessThan(300);
    expect(probe.longestGapMs).toBeLessThan(500);
    expect(api.dataSource.sqlLogger.statementCount - before).toBeLessThanOrEqual(2);
    expect(await snapshotDatabase(api.dataSource)).toEqual(snapshot);
  });

  it("a 92 kB alias flood (2,200 aliases) is refused while parsing, for its size", async () => {
    const query = `{${Array.from({ length: 2200 }, (_, i) => `a${i}:payments(first:100){edges{node{id}}}`).join(" ")}}`;
    expect(query.length).toBeGreaterThan(90_000);
    let outcome!: { result: Awaited<ReturnType<TestApi["graphql"]>>; ms: number };
    const probe = await slowestLivenessProbeDuring(async () => {
      outcome = await timed(() => api.graphql(query));
    });
    expect(outcome.result.status).toBe(400);
    expect(outcome.result.errors?.[0].extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(outcome.result.errors?.[0].message).toBe(
      "The query has more than 20000 tokens; at most 20000 are allowed. Send a smaller document: fewer fields, aliases or fragments.",
    );
    expect(outcome.result.errors?.[0].extensions?.maxTokens).toBe(20000);
    expect(outcome.ms).toBeLessThan(1000);
    expect(probe.slowestMs).toBeLessThan(300);
    expect(probe.longestGapMs).toBeLessThan(500);
  });

  it("one field repeated 9,000 times (99 kB) is refused by validation, with what to change", async () => {
    let outcome!: { result: Awaited<ReturnType<TestApi["graphql"]>>; ms: number };
    const probe = await slowestLivenessProbeDuring(async () => {
      outcome = await timed(() => api.graphql(`{ ${"__typename ".repeat(9_000)}}`));
    });
    expect(outcome.result.status).toBe(400);
    expect(outcome.result.errors).toEqual([
      {
        message: "The query is too large to check: it repeats fields or fragments too often. Ask for each field once.",
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      },
    ]);
    expect(outcome.ms).toBeLessThan(1000);
    expect(probe.slowestMs).toBeLessThan(300);
    expect(probe.longestGapMs).toBeLessThan(500);
  });

  it("a fragment cycle is refused by validation", async () => {
    const res = await api.graphql(`{ payments { edges { node { ...A } } } } fragment A on Payment { number ...B } fragment B on Payment { ...A }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors?.[0].message).toMatch(/Cannot spread fragment "A" within itself/);
  });
});
