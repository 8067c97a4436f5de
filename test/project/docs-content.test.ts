import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { loadConfig } from "../../src/config";
import { documentationPages, proseLines, ROOT } from "../support/docs-pages";

/**
 * What the README and the pages under docs/ promise besides their examples (which
 * docs-examples.test.ts runs): one Configuration table naming every setting the code reads, links
 * that lead somewhere, every page reachable from the front door, and a README that stays short.
 */
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** The Markdown outside fenced code blocks. */
function prose(markdown: string): string {
  return proseLines(markdown)
    .map((line) => line.text)
    .join("\n");
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[`*]/g, "");
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "").replace(/ /g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6} +(.+?) *$/gm)) {
    const base = anchor(heading);
    let name = base;
    for (let n = 1; anchors.has(name); n++) name = `${base}-${n}`;
    anchors.add(name);
  }
  return anchors;
}

/** Relative links of a page: the page they lead to (from the project's root) and the anchor. */
function linksOf(page: string): Array<{ target: string; fragment: string | undefined; written: string }> {
  const links = [];
  for (const [written, href] of prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(href)) continue;
    const [path, fragment] = href.split("#");
    links.push({ target: path ? normalize(join(dirname(page), path)) : page, fragment, written });
  }
  return links;
}

function sourceFiles(folder: string): string[] {
  if (!existsSync(join(ROOT, folder))) return [];
  if (!statSync(join(ROOT, folder)).isDirectory()) return [folder];
  return readdirSync(join(ROOT, folder)).flatMap((name) => sourceFiles(join(folder, name)));
}

/** Every environment variable the API reads: those `loadConfig()` asks for, and any other read in the code. */
function variablesTheCodeReads(): string[] {
  const names = new Set<string>();
  for (const env of [{}, { DATABASE_URL: "postgres://user@localhost:5432/payments" }]) {
    const recording = new Proxy(env, {
      get(target, name) {
        if (typeof name === "string") names.add(name);
        return Reflect.get(target, name);
      },
    });
    loadConfig(recording);
  }
  const code = [...sourceFiles("src"), ...sourceFiles("scripts"), "ormconfig.ts"].filter((file) => /\.[jt]s$/.test(file));
  for (const file of code) {
    const text = read(file);
    for (const [, name] of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) names.add(name);
    for (const [, name] of text.matchAll(/\benv\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]/g)) names.add(name);
    for (const [, args] of text.matchAll(/\(\s*env\s*,([^)]*)\)/g)) {
      for (const [, name] of args.matchAll(/["']([A-Z][A-Z0-9_]*)["']/g)) names.add(name);
    }
  }
  return [...names].sort();
}

describe("the README", () => {
  const readme = read("README.md");

  it("is the front door: the two commands, what CI runs, at most 250 lines", () => {
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm ci && npm test");
    expect(readme).toContain(".ci/run");
    expect(readme.split("\n").length).toBeLessThanOrEqual(250);
  });

  it("says how to get a token before anything else but the commands", () => {
    const headings = [...prose(readme).matchAll(/^## +(.+)$/gm)].map((match) => match[1]);
    expect(headings.slice(0, 2)).toEqual(["Two commands", "Get a token"]);
  });

  it("has one Configuration table, naming every environment variable the code reads and no other", () => {
    expect(prose(readme).match(/^#+ +Configuration *$/gm)).toHaveLength(1);
    const section = readme.split(/^## Configuration *$/m)[1].split(/^## /m)[0];
    const rows = section.split("\n").filter((line) => /^\| `[A-Z]/.test(line));
    const named = rows.flatMap((row) => [...row.split("|")[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1]));
    expect([...named].sort()).toEqual(variablesTheCodeReads());
    expect(new Set(named).size).toBe(named.length);
  });
});

describe("links between the pages", () => {
  const pages = documentationPages();

  it.each(pages)("%s: every relative link leads to a file, and every #anchor to a heading of it", (page) => {
    const broken = linksOf(page).flatMap(({ target, fragment, written }) => {
      if (!existsSync(join(ROOT, target))) return [`${written}: no ${target}`];
      if (fragment !== undefined && !anchorsOf(read(target)).has(fragment)) return [`${written}: no heading #${fragment} in ${target}`];
      return [];
    });
    expect(broken).toEqual([]);
  });

  it("reach every page under docs/ from the README", () => {
    const reached = new Set(["README.md"]);
    const queue = ["README.md"];
    while (queue.length > 0) {
      for (const { target } of linksOf(queue.shift()!)) {
        if (target.endsWith(".md") && !reached.has(target) && existsSync(join(ROOT, target))) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    expect(pages.filter((page) => !reached.has(page))).toEqual([]);
  });

  it("name pages that exist, where the code points to them", () => {
    const code = ["src", "test", "scripts", "bench", "console/src", ".dependency-cruiser.js"].flatMap(sourceFiles).filter((file) => /\.[jt]sx?$/.test(file));
    const missing = code.flatMap((file) =>
      [...read(file).matchAll(/\b(docs\/[\w/.-]+\.md)\b/g)].filter(([, page]) => !existsSync(join(ROOT, page))).map(([, page]) => `${file}: ${page}`),
    );
    expect(missing).toEqual([]);
  });
});
