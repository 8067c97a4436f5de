import { slowestLivenessProbeDuring, timed } from "../support/liveness";
import { snapshotDatabase } from "../support/test-database";
import { startTestApi, type TestApi } from "../support/test-api";

let large: TestApi;
beforeAll(async () => {
  large = await startTestApi({ MAX_QUERY_TOKENS: "20000" });
});
afterAll(() => large.close());

describe("a document of more than 10,000 nodes", () => {
  it("with MAX_QUERY_TOKENS raised, 1,000 aliases of a 100-payment page (15,000 nodes) are refused for their cost", async () => {
    const query = `{${Array.from({ length: 1000 }, (_, i) => `a${i}:payments(first:100){edges{node{id}}}`).join(" ")}}`;
    const snapshot = await snapshotDatabase(large.dataSource);
    const before = large.dataSource.sqlLogger.statementCount;
    let outcome!: { result: Awaited<ReturnType<TestApi["graphql"]>>; ms: number };
    const probe = await slowestLivenessProbeDuring(large, async () => {
      outcome = await timed(() => large.graphql(query));
    });
    expect(outcome.result.status).toBe(400);
    expect(outcome.result.errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", complexity: 1000 * (1 + 1 + 1 + 100 * 4), maxComplexity: 20000 });
    // Validation of a document this size takes a few hundred milliseconds when the machine is
    // idle; a walk that grows with the square of the document would take minutes. The bound only
    // tells the two apart, so a loaded machine does not fail it.
    expect(outcome.ms).toBeLessThan(15_000);
    expect(probe.longestGapMs).toBeLessThan(15_000);
    expect(large.dataSource.sqlLogger.statementCount - before).toBeLessThanOrEqual(2);
    expect(await snapshotDatabase(large.dataSource)).toEqual(snapshot);
  });
});
