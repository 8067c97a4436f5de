import { readFileSync } from "node:fs";
import { join } from "node:path";
import { applyPlaceholders, documentationPages, graphqlExamples, ROOT } from "../support/docs-pages";
import { useTestApi } from "../support/test-api";

/**
 * Every GraphQL example of README.md and of every page under docs/, run against the API with the
 * demo data and an admin token of `platform` (what `npm start` prints), each answer compared with
 * the page's (how examples and placeholders are written: support/docs-pages.ts).
 *
 * Each page gets a fresh API of its own, and its examples run in the page's order: an example that
 * changes the demo data (a cancel cancels its payment) changes it for the examples after it on the
 * same page only.
 */
/** The examples the pages hold (the README alone had 10 before the depth moved to docs/): a parser that finds fewer is broken. */
const MINIMUM_EXAMPLES = 20;

const pages = documentationPages().map((path) => ({ path, examples: graphqlExamples(readFileSync(join(ROOT, path), "utf8")) }));

describe("documentation examples", () => {
  it("are found on the pages that show queries, operations, access and every vendor", () => {
    const counted = Object.fromEntries(pages.map((page) => [page.path, page.examples.length]));
    for (const path of ["README.md", "docs/queries.md", "docs/operations.md", "docs/access.md"]) expect(counted[path]).toBeGreaterThanOrEqual(1);
    for (const vendor of ["convergegate", "planocore", "activeplatform", "crmcom"]) expect(counted[`docs/vendors/${vendor}.md`]).toBeGreaterThanOrEqual(1);
    expect(pages.reduce((sum, page) => sum + page.examples.length, 0)).toBeGreaterThanOrEqual(MINIMUM_EXAMPLES);
  });
});

for (const page of pages.filter((p) => p.examples.length > 0)) {
  describe(page.path, () => {
    const api = useTestApi();

    it.each(page.examples.map((example) => [example.line, example] as const))(`${page.path}:%i answers as shown`, async (_line, example) => {
      const expected = JSON.parse(example.answer);
      const response = await fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${api.token}` },
        body: JSON.stringify({ query: example.query }),
      });
      const actual = await response.json();
      expect(applyPlaceholders(expected, actual)).toEqual(expected);
    });
  });
}

describe("placeholders", () => {
  it("stand for any value, a prefix, or any date-time, and nothing else", () => {
    const expected = { a: "…", b: "cGF5…", c: "2026-11-21T15:41:58.675Z", d: "exact" };
    expect(applyPlaceholders(expected, { a: [1], b: "cGF5bWVu", c: "2027-01-01T00:00:00.000Z", d: "exact" })).toEqual(expected);
    expect(applyPlaceholders(expected, { a: 1, b: "xGF5", c: "2027-01-01T00:00:00.000Z", d: "exact" })).not.toEqual(expected);
    expect(applyPlaceholders(expected, { a: 1, b: "cGF5", c: "yesterday", d: "exact" })).not.toEqual(expected);
    expect(applyPlaceholders(expected, { a: 1, b: "cGF5", c: "2027-01-01T00:00:00.000Z", d: "other" })).not.toEqual(expected);
    expect(applyPlaceholders(expected, { a: 1, b: "cGF5", c: "2027-01-01T00:00:00.000Z", d: "exact", e: 1 })).not.toEqual(expected);
  });
});
