import { readFileSync } from "node:fs";
import { join } from "node:path";
import { useTestApi, type TestApi } from "./support/test-api";

/**
 * Every GraphQL example of README.md, run in order against a fresh API with the demo data and an
 * admin token of `platform` (what `npm start` prints), each answer compared with the README's.
 *
 * - A ```graphql block is followed by the ```json answer(s) of the same section.
 * - `<!-- graphql: … -->` just before a ```json answer runs that query instead (a variant shown
 *   only by its answer, such as "the same mutation for payment 1004").
 * - Placeholders in the README's answers: the string "…" stands for any value; a string ending
 *   in "…" for any string starting with what comes before; a date-time for any date-time.
 */
interface Example {
  line: number;
  query: string;
  answer: string;
}

export function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split("\n");
  let current: string | undefined;
  let variant: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^#{1,6} /.test(line)) current = undefined;
    const hidden = /^<!-- graphql: (.*) -->$/.exec(line.trim());
    if (hidden) variant = hidden[1];
    const fence = /^```(\w*)\s*$/.exec(line);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    const body = lines.slice(start, end).join("\n");
    if (fence[1] === "graphql") current = body;
    else if (fence[1] === "json" && (variant ?? current)) {
      examples.push({ line: i + 1, query: (variant ?? current)!, answer: body });
      variant = undefined;
    }
    i = end;
  }
  return examples;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** `actual` with the README's placeholders applied, so that `toEqual(expected)` compares the rest exactly. */
export function applyPlaceholders(expected: unknown, actual: unknown): unknown {
  if (expected === "…") return expected;
  if (typeof expected === "string" && typeof actual === "string") {
    if (expected.endsWith("…") && actual.startsWith(expected.slice(0, -1))) return expected;
    if (DATE_TIME.test(expected) && DATE_TIME.test(actual)) return expected;
    return actual;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) return actual.map((item, index) => applyPlaceholders(expected[index], item));
  if (expected && actual && typeof expected === "object" && typeof actual === "object" && !Array.isArray(actual)) {
    return Object.fromEntries(Object.entries(actual).map(([key, value]) => [key, applyPlaceholders((expected as Record<string, unknown>)[key], value)]));
  }
  return actual;
}

const examples = readmeExamples(readFileSync(join(__dirname, "..", "README.md"), "utf8"));

const api = useTestApi();

describe("README.md examples", () => {
  it("has GraphQL examples with their answers", () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it.each(examples.map((example) => [example.line, example] as const))("README.md:%i answers as shown", async (_line, example) => {
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

describe("README placeholders", () => {
  it("stand for any value, a prefix, or any date-time, and nothing else", () => {
    const expected = { a: "…", b: "cGF5…", c: "2026-11-21T15:41:58.675Z", d: "exact" };
    expect(applyPlaceholders(expected, { a: [1], b: "cGF5bWVu", c: "2027-01-01T00:00:00.000Z", d: "exact" })).toEqual(expected);
    expect(applyPlaceholders(expected, { a: 1, b: "xGF5", c: "2027-01-01T00:00:00.000Z", d: "exact" })).not.toEqual(expected);
    expect(applyPlaceholders(expected, { a: 1, b: "cGF5", c: "yesterday", d: "exact" })).not.toEqual(expected);
    expect(applyPlaceholders(expected, { a: 1, b: "cGF5", c: "2027-01-01T00:00:00.000Z", d: "other" })).not.toEqual(expected);
    expect(applyPlaceholders(expected, { a: 1, b: "cGF5", c: "2027-01-01T00:00:00.000Z", d: "exact", e: 1 })).not.toEqual(expected);
  });
});
