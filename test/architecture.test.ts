import { execFileSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..");

describe("the direction of the source", () => {
  it("has no import against the layers (dependency-cruiser)", () => {
    const output = execFileSync(join(root, "node_modules/.bin/depcruise"), ["src", "--config", ".dependency-cruiser.js"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(output).toContain("no dependency violations found");
  });
});
