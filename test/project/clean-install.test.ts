import { readFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";

const root = join(__dirname, "..", "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; os?: string[]; cpu?: string[] }>;
};

/** The locked packages npm installs on this platform, with the Node versions each declares. */
function installedEngines(): Array<{ name: string; node: string }> {
  return Object.entries(lock.packages).flatMap(([path, entry]) => {
    const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    const elsewhere = (entry.os && !entry.os.includes(process.platform)) || (entry.cpu && !entry.cpu.includes(process.arch));
    return path && node && !elsewhere ? [{ name: `${path.split("node_modules/").pop()}@${entry.version}`, node }] : [];
  });
}

describe("npm ci on every Node version package.json's engines names", () => {
  it("installs no package that asks for another Node (no EBADENGINE warning)", () => {
    const engines = installedEngines();
    expect(engines.length).toBeGreaterThan(100);
    const refused = engines.filter(({ node }) => !semver.subset(manifest.engines.node, node, { includePrerelease: false }));
    expect(refused).toEqual([]);
  });

  it("names the Node this machine and CI run", () => {
    expect(semver.satisfies(process.version, manifest.engines.node)).toBe(true);
  });
});
