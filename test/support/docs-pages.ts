import { readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * The documentation's pages and their GraphQL examples, for the tests that run the examples
 * (docs-examples.test.ts) and check the pages (docs-content.test.ts).
 *
 * - A ```graphql block is followed by the ```json answer(s) of the same section (fences may be
 *   indented, as in a list item).
 * - `<!-- graphql: … -->` just before a ```json answer runs that query instead (a variant shown
 *   only by its answer, such as "the same mutation for payment 1004").
 * - Placeholders in the pages' answers: the string "…" stands for any value; a string ending in
 *   "…" for any string starting with what comes before; a date-time for any date-time.
 */
export interface Example {
  line: number;
  query: string;
  answer: string;
}

export const ROOT = join(__dirname, "..", "..");

/** README.md, then every Markdown page under docs/, in path order; paths relative to the project. */
export function documentationPages(root: string = ROOT): string[] {
  const pages: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md")) pages.push(path);
    }
  };
  walk("docs");
  return ["README.md", ...pages.sort()];
}

const FENCE_OPEN = /^\s*```(\w*)\s*$/;
const FENCE_CLOSE = /^\s*```\s*$/;

/** Lines of a page outside fenced code blocks, each with its line number (from 1). */
export function proseLines(markdown: string): Array<{ line: number; text: string }> {
  const lines = markdown.split("\n");
  const found: Array<{ line: number; text: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    if (FENCE_OPEN.test(lines[i])) {
      while (i + 1 < lines.length && !FENCE_CLOSE.test(lines[++i]));
      continue;
    }
    found.push({ line: i + 1, text: lines[i] });
  }
  return found;
}

/** The GraphQL examples of a page and their answers, in the page's order. */
export function graphqlExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split("\n");
  let current: string | undefined;
  let variant: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^#{1,6} /.test(line)) current = undefined;
    const hidden = /^<!-- graphql: (.*) -->$/.exec(line.trim());
    if (hidden) variant = hidden[1];
    const fence = FENCE_OPEN.exec(line);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !FENCE_CLOSE.test(lines[end])) end++;
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

/** `actual` with the pages' placeholders applied, so that `toEqual(expected)` compares the rest exactly. */
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

