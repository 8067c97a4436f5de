import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../../src/project-root";
import { buildServer, readStartLine, startApiProcess, type ApiProcess } from "../support/api-process";
import { tempFolders } from "../support/temp-folders";
import { postGraphQL } from "../support/test-api";

/**
 * NODE_ENV=production is explicit: PostgreSQL and real vendors unless the embedded database and
 * the emulators are asked for by name, never demo data, never a printed token; the first admin
 * token (and its reseller) comes from `npm run token`.
 */
const run = promisify(execFile);
const newFolder = tempFolders("production-");

const PRODUCTION = { NODE_ENV: "production", LOG_LEVEL: "info", PORT: "0", METRICS_PORT: "0" };

/** `node dist/src/main.js` with these settings and no DATABASE_URL, until it exits. */
function startThatFails(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(projectRoot(), "dist", "src", "main.js")], {
    env: { ...process.env, DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

beforeAll(() => buildServer(), 180_000);

describe("NODE_ENV=production", () => {
  it("refuses to start without DATABASE_URL, naming the setting and the fix, and touches no data folder", async () => {
    const folder = join(newFolder(), "data");
    const started = await startThatFails({ ...PRODUCTION, DATA_DIR: folder });
    expect(started.code).toBe(1);
    expect(started.stderr).toBe(
      "The API could not start: NODE_ENV=production needs DATABASE_URL: set it to the PostgreSQL server (postgres://user@host:5432/payments) and run `npm run migrate`, or set EMBEDDED_DATABASE=true to run on the embedded database in DATA_DIR on purpose (docs/deploying.md)\n",
    );
    expect(existsSync(folder)).toBe(false);
  });

  it("refuses a vendor without its URL and secret unless the emulators are asked for by name", async () => {
    const folder = join(newFolder(), "data");
    const started = await startThatFails({ ...PRODUCTION, EMBEDDED_DATABASE: "true", DATA_DIR: folder, CRMCOM_BASE_URL: "", CONVERGEGATE_BASE_URL: "" });
    expect(started.code).toBe(1);
    expect(started.stderr).toMatch(/^The API could not start: NODE_ENV=production calls the real vendors: ConvergeGate needs CONVERGEGATE_BASE_URL and CONVERGEGATE_API_KEY; .*CRM.COM needs CRMCOM_BASE_URL and CRMCOM_TOKEN\. Set them .*, or set VENDOR_EMULATORS=true/);
    expect(existsSync(folder)).toBe(false);
  });

  describe("on the embedded database and the emulators, asked for by name", () => {
    let folder: string;
    let api: ApiProcess | undefined;
    const env = () => ({ ...PRODUCTION, EMBEDDED_DATABASE: "true", VENDOR_EMULATORS: "true", DATA_DIR: folder });
    afterAll(async () => {
      if (api && api.process.exitCode === null) {
        api.process.kill("SIGKILL");
        await api.exited;
      }
    });

    it("loads no demo data and prints no token; the first admin token and its reseller come from npm run token", async () => {
      folder = newFolder();
      const token = join(projectRoot(), "dist", "src", "scripts", "token.js");
      const minted = await run(process.execPath, [token, "create", "--reseller", "platform", "--new-reseller", "Payments Platform", "--role", "admin"], {
        env: { ...process.env, DATABASE_URL: "", ...env(), LOG_LEVEL: "warn" },
      });
      expect(minted.stdout).toMatch(/^Reseller platform \(Payments Platform\) added at the top of the tree\.\nToken pay_[a-z0-9]{8} \(API key, admin at platform\)\./);
      const secret = minted.stdout.trim().split("\n").at(-1)!;

      api = await startApiProcess("", env(), 120_000);
      const started = readStartLine(api.output())!;
      expect(started.demoToken).toBeNull();
      expect(api.output()).not.toMatch(/pay_[a-z0-9]{8}_/);
      expect(api.output()).not.toContain("demo data");
      const line = JSON.parse(api.output().split("\n").find((text) => text.includes("payment operations API ready"))!);
      expect(line).toMatchObject({ production: true, database: "embedded", explorer: false });
      expect(line.mintToken).toContain("npm run token -- create --reseller platform --role admin");

      const answer = await postGraphQL(api.url, `{ viewer { reseller { code } } payments(first: 1) { totalCount } }`, undefined, { authorization: `Bearer ${secret}` });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ viewer: { reseller: { code: "platform" } }, payments: { totalCount: 0 } });
      api.process.kill("SIGTERM");
      expect(await api.exited).toBe(0);

      // A second --new-reseller of the same code changes nothing.
      const again = await run(process.execPath, [token, "create", "--reseller", "platform", "--new-reseller", "Other", "--role", "admin"], {
        env: { ...process.env, DATABASE_URL: "", ...env(), LOG_LEVEL: "warn" },
      }).then(() => null, (error) => error);
      expect(again.code).toBe(1);
      expect(again.stderr.trim()).toBe("The database has resellers already: --new-reseller adds only the first, at the top. Leave it out to mint a token for an existing reseller, or add resellers with saveReseller.");
    });
  });
});
