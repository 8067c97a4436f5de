import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../../../src/project-root";
import { buildServer } from "../../support/api-process";
import { useTestApi } from "../../support/test-api";
import { EMBEDDED, workerDatabaseUrl } from "../../support/test-database";

const run = promisify(execFile);
/** The worker's database, so that the built command writes where the test reads. */
const api = useTestApi();

let dir: string;
beforeAll(() => {
  buildServer();
  dir = mkdtempSync(join(tmpdir(), "payments-import-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The built `npm run import` command on the worker's database. */
function importCommand(...args: string[]) {
  return run(process.execPath, [join(projectRoot(), "dist", "src", "scripts", "import.js"), ...args], {
    env: { ...process.env, DATABASE_URL: workerDatabaseUrl(), DATABASE_POOL_SIZE: "4", DATABASE_PREPARED_STATEMENTS: String(!EMBEDDED), LOG_LEVEL: "silent" },
  });
}

describe("npm run import, the command", () => {
  it.each([["0"], ["17"], ["two"], ["1.5"]])("refuses --parallel %s with exit 2 and the usage, reading nothing", async (value) => {
    const path = join(dir, "never-read.ndjson");
    writeFileSync(path, "{}\n");
    const failed = await importCommand("payments", path, "--parallel", value).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain(`--parallel takes a whole number from 1 to 16; "${value}" was given`);
    expect(failed?.stderr).toContain("Usage:");
  });

  it("imports a file with --parallel and prints the summary", async () => {
    const lines = Array.from({ length: 1100 }, (_, i) =>
      JSON.stringify({
        vendor: "CRMCOM", vendorPaymentId: `cli-${process.pid}-${i}`, number: `CLI-${process.pid}-${i}`, referenceNumber: `CLI-REF-${process.pid}-${i}`,
        lifeCycleState: "POSTED", issuedOn: "2024-06-30T10:00:00.000Z", amount: "1.25", currencyCode: "EUR", paymentModel: "PREPAID", resellerCode: "acme",
      }),
    );
    const path = join(dir, "payments.ndjson");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const { stdout } = await importCommand("payments", path, "--parallel", "3");
    expect(stdout).toMatch(/: 1100 records in/);
    expect(stdout).toMatch(/created\s+1100/);
    const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM payment WHERE number LIKE $1`, [`CLI-${process.pid}-%`]);
    expect(n).toBe(1100);
  });
});
