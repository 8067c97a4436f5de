import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");

describe("the direction of the source", () => {
  it("has no import against the layers beyond the known ones (dependency-cruiser)", () => {
    const output = execFileSync(join(root, "node_modules/.bin/depcruise"), ["src", "--config", ".dependency-cruiser.js", "--ignore-known", ".dependency-cruiser-known-violations.json"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(output).toContain("no dependency violations found");
  });

  it("only ever shrinks the list of known violations", () => {
    const known: unknown[] = JSON.parse(readFileSync(join(root, ".dependency-cruiser-known-violations.json"), "utf8"));
    expect(known.length).toBeLessThanOrEqual(5);
  });
});
