import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IMPORT_ACTOR, IMPORT_TARGETS } from "../../../src/scripts/import/import-kinds";
import { progressOn, type ImportProgress } from "../../../src/scripts/import/progress";
import { formatSummary, refusedFileOf, runImport } from "../../../src/scripts/import/run-import";
import { useTestApi } from "../../support/test-api";
import { snapshotDatabase } from "../../support/test-database";

/** npm run import: files of payments and reference data, through the mutations' own code. */
const api = useTestApi();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "payments-import-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quiet: ImportProgress = { advance() {}, done() {} };
const FIELDS = ["vendor", "vendorPaymentId", "number", "referenceNumber", "lifeCycleState", "issuedOn", "amount", "currencyCode", "paymentModel", "resellerCode"];

function payment(i: number, overrides: Record<string, unknown> = {}) {
  return {
    vendor: "CRMCOM",
    vendorPaymentId: `imp-${process.pid}-${i}`,
    number: `IMP-${process.pid}-${i}`,
    referenceNumber: `IMP-REF-${process.pid}-${i}`,
    lifeCycleState: "POSTED",
    issuedOn: "2024-06-30T10:00:00.000Z",
    amount: "10.50",
    currencyCode: "EUR",
    paymentModel: "PREPAID",
    resellerCode: i % 2 === 0 ? "acme" : "acme-europe",
    ...overrides,
  };
}

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** The refused lines written beside a file, by line number (batches of payments are saved several at once). */
const refusedLines = (path: string) =>
  readFileSync(refusedFileOf(path), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line))
    .sort((a, b) => a.line - b.line);

describe("npm run import payments", () => {
  it("imports a file, then the same file again changing nothing, each record through recordPayments", async () => {
    const path = file("payments.ndjson", Array.from({ length: 300 }, (_, i) => JSON.stringify(payment(i))));
    const first = await runImport(api.db, "payments", path, IMPORT_ACTOR, quiet);
    expect(first).toMatchObject({ records: 300, created: 300, updated: 0, unchanged: 0, refused: {}, refusedFile: null });
    const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM payment WHERE number LIKE $1`, [`IMP-${process.pid}-%`]);
    expect(n).toBe(300);
    const [{ events }] = await api.dataSource.query(
      `SELECT count(*)::int AS events FROM payment_event e JOIN payment p ON p.id = e.payment_id WHERE p.number LIKE $1 AND e.type = 'RECORDED' AND e.actor = 'npm run import'`,
      [`IMP-${process.pid}-%`],
    );
    expect(events).toBe(300);

    const before = await snapshotDatabase(api.dataSource);
    const again = await runImport(api.db, "payments", path, IMPORT_ACTOR, quiet);
    expect(again).toMatchObject({ records: 300, created: 0, updated: 0, unchanged: 300, refused: {} });
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
    expect(existsSync(refusedFileOf(path))).toBe(false);
  });

  it("refuses broken lines of a CSV file with their line numbers and reasons, and imports the rest", async () => {
    const base = 1000;
    const csv = (p: Record<string, unknown>) => FIELDS.map((field) => String((p[field] as string | number | null | undefined) ?? "")).join(",");
    const lines = [FIELDS.join(",")];
    for (let i = 0; i < 200; i++) lines.push(csv(payment(base + i)));
    // Line numbers count the header as line 1.
    lines[10] = `${csv(payment(base + 9)).slice(0, 20)},"unclosed`;
    lines[20] = "too,few,fields";
    lines[30] = csv(payment(base + 29, { amount: "-1" }));
    lines[40] = csv(payment(base + 39, { currencyCode: "XXX" }));
    lines[50] = csv(payment(base + 49, { resellerCode: "nobody" }));
    lines[60] = csv(payment(base + 59, { number: `IMP-${process.pid}-${base}` }));
    lines.splice(100, 0, "");
    const path = file("payments.csv", lines);
    const summary = await runImport(api.db, "payments", path, IMPORT_ACTOR, quiet);
    expect(summary).toMatchObject({
      records: 200,
      created: 194,
      unchanged: 0,
      refused: { MALFORMED: 2, VALIDATION: 1, CURRENCY_NOT_FOUND: 1, RESELLER_NOT_FOUND: 1, PAYMENT_CONFLICT: 1 },
      refusedFile: refusedFileOf(path),
    });
    const refused = refusedLines(path);
    expect(refused.map((r) => [r.line, r.reason])).toEqual([
      [11, "MALFORMED"],
      [21, "MALFORMED"],
      [31, "VALIDATION"],
      [41, "CURRENCY_NOT_FOUND"],
      [51, "RESELLER_NOT_FOUND"],
      [61, "PAYMENT_CONFLICT"],
    ]);
    expect(refused[0].message).toBe("line 11: a quote is not closed in field 3");
    expect(refused[1].message).toBe("line 21: 3 fields where the header names 10");
    expect(refused[2].message).toContain("amount");
    expect(refused[2].text).toBe(lines[30]);

    const text = formatSummary(summary, path);
    expect(text).toContain("200 records");
    expect(text).toMatch(/created\s+194/);
    expect(text).toMatch(/refused\s+6/);
    expect(text).toMatch(/MALFORMED\s+2/);
    expect(text).toContain(refusedFileOf(path));

    // Again: the good ones are unchanged, the broken ones refused alike.
    const again = await runImport(api.db, "payments", path, IMPORT_ACTOR, quiet);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 194, refused: summary.refused });
    expect(refusedLines(path)).toHaveLength(6);
  });

  it("saves two batches at once, yet of two lines that claim one number the earlier wins on every run, refused lines in the file's order", async () => {
    const base = 5000;
    const lines = Array.from({ length: 1200 }, (_, i) => JSON.stringify(payment(base + i)));
    // Batches of 500: line 700 (the second batch) claims the number of line 100 (the first), line
    // 1100 (the third) the reference number of line 600 (the second), line 900 the back office code
    // line 300 holds for its reseller; line 450 is malformed.
    lines[699] = JSON.stringify(payment(base + 699, { number: `IMP-${process.pid}-${base + 99}` }));
    lines[1099] = JSON.stringify(payment(base + 1099, { referenceNumber: `IMP-REF-${process.pid}-${base + 599}` }));
    lines[299] = JSON.stringify(payment(base + 299, { backOfficeCode: `BO-${process.pid}` }));
    lines[899] = JSON.stringify(payment(base + 901, { vendorPaymentId: `imp-${process.pid}-${base + 899}`, backOfficeCode: `BO-${process.pid}` }));
    lines[449] = "{ not json";
    const path = file("claims.ndjson", lines);
    const summary = await runImport(api.db, "payments", path, IMPORT_ACTOR, quiet, 2);
    expect(summary).toMatchObject({ records: 1200, created: 1196, refused: { MALFORMED: 1, PAYMENT_CONFLICT: 3 } });
    const raw = readFileSync(refusedFileOf(path), "utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(raw.map((r) => [r.line, r.reason])).toEqual([
      [450, "MALFORMED"],
      [700, "PAYMENT_CONFLICT"],
      [900, "PAYMENT_CONFLICT"],
      [1100, "PAYMENT_CONFLICT"],
    ]);
    const holders = await api.dataSource.query(
      `SELECT vendor_payment_id FROM payment WHERE number = $1 OR reference_number = $2 OR back_office_code = $3 ORDER BY vendor_payment_id`,
      [`IMP-${process.pid}-${base + 99}`, `IMP-REF-${process.pid}-${base + 599}`, `BO-${process.pid}`],
    );
    expect(holders.map((row: { vendor_payment_id: string }) => row.vendor_payment_id)).toEqual(
      [base + 99, base + 299, base + 599].map((i) => `imp-${process.pid}-${i}`).sort(),
    );

    const before = await snapshotDatabase(api.dataSource);
    const again = await runImport(api.db, "payments", path, IMPORT_ACTOR, quiet, 2);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1196, refused: summary.refused });
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });

  it("saves batches that claim nothing in common at once, up to --parallel", async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify(payment(8000 + i)));
    const path = file("disjoint.ndjson", lines);
    const save = IMPORT_TARGETS.payments.save;
    let running = 0;
    let most = 0;
    const spy = jest.spyOn(IMPORT_TARGETS.payments, "save").mockImplementation(async (...args) => {
      most = Math.max(most, ++running);
      try {
        return await save(...args);
      } finally {
        running--;
      }
    });
    try {
      const summary = await runImport(api.db, "payments", path, IMPORT_ACTOR, quiet, 2);
      expect(summary).toMatchObject({ records: 2000, created: 2000, refused: {} });
      expect(spy).toHaveBeenCalledTimes(4);
      expect(most).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });

  it("stops at a batch that fails to be saved: no later batch is saved, the run fails, the refused lines before it are written", async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => JSON.stringify(payment(12000 + i)));
    lines[10] = "{ not json";
    const path = file("fails.ndjson", lines);
    const save = IMPORT_TARGETS.payments.save;
    let calls = 0;
    const spy = jest.spyOn(IMPORT_TARGETS.payments, "save").mockImplementation(async (...args) => {
      if (++calls === 2) throw new Error("the database went away");
      return save(...args);
    });
    try {
      await expect(runImport(api.db, "payments", path, IMPORT_ACTOR, quiet, 2)).rejects.toThrow("the database went away");
      // The first two batches were under way together; none after the failed one was started.
      expect(calls).toBeLessThanOrEqual(3);
    } finally {
      spy.mockRestore();
    }
    expect(refusedLines(path).map((r) => r.line)).toEqual([11]);
    // The first batch (lines 1 to 500) is saved; the failed one and those after it are not.
    const saved = await api.dataSource.query(
      `SELECT split_part(vendor_payment_id, '-', 3)::int AS i FROM payment WHERE vendor_payment_id LIKE $1 AND split_part(vendor_payment_id, '-', 3)::int BETWEEN 12000 AND 14499`,
      [`imp-${process.pid}-%`],
    );
    expect(saved).toHaveLength(499);
    expect(Math.max(...saved.map((row: { i: number }) => row.i))).toBe(12499);
  });

  it("refuses a file of malformed lines a batch at a time, in order", async () => {
    const lines = Array.from({ length: 1200 }, (_, i) => `not json ${i}`);
    const path = file("malformed.ndjson", lines);
    const spy = jest.spyOn(IMPORT_TARGETS.payments, "save");
    try {
      const summary = await runImport(api.db, "payments", path, IMPORT_ACTOR, quiet, 2);
      expect(summary).toMatchObject({ records: 1200, created: 0, refused: { MALFORMED: 1200 } });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    const raw = readFileSync(refusedFileOf(path), "utf8").trim().split("\n").map((line) => JSON.parse(line).line);
    expect(raw).toEqual(lines.map((_, i) => i + 1));
  });

  it("makes a batch that takes a back office code wait for an earlier batch that frees it", async () => {
    const reseller = "acme";
    const holder = payment(9500, { resellerCode: reseller, backOfficeCode: `BO-OLD-${process.pid}` });
    await runImport(api.db, "payments", file("holder.ndjson", [JSON.stringify(holder)]), IMPORT_ACTOR, quiet);
    // The first batch moves the holder to a new code; the second (its own batch: 500 lines later)
    // creates a payment with the old one, which is free once the first batch is saved.
    const lines = [JSON.stringify({ ...holder, backOfficeCode: `BO-NEW-${process.pid}` })];
    for (let i = 1; i < 500; i++) lines.push(JSON.stringify(payment(9500 + i)));
    lines.push(JSON.stringify(payment(9500 + 500, { resellerCode: reseller, backOfficeCode: `BO-OLD-${process.pid}` })));
    for (let run = 0; run < 3; run++) {
      const path = file(`frees-${run}.ndjson`, lines);
      const summary = await runImport(api.db, "payments", path, IMPORT_ACTOR, quiet, 2);
      expect(summary.refused).toEqual({});
    }
    const rows = await api.dataSource.query(`SELECT vendor_payment_id, back_office_code FROM payment WHERE back_office_code LIKE $1 ORDER BY back_office_code`, [`BO-%-${process.pid}`]);
    expect(rows).toEqual([
      { vendor_payment_id: `imp-${process.pid}-9500`, back_office_code: `BO-NEW-${process.pid}` },
      { vendor_payment_id: `imp-${process.pid}-${9500 + 500}`, back_office_code: `BO-OLD-${process.pid}` },
    ]);
    // What makes it so on every run: a record with a back office code claims its reseller's codes.
    const claims = IMPORT_TARGETS.payments.claims!(IMPORT_TARGETS.payments.prepare({ ...payment(1), backOfficeCode: "BO-1" }));
    expect(claims).toEqual([`vendor|crmcom|imp-${process.pid}-1`, `number|IMP-${process.pid}-1`, `reference|IMP-REF-${process.pid}-1`, "backOffice|acme-europe"]);
    expect(IMPORT_TARGETS.payments.claims!({ vendor: "crmcom" })).toEqual([]);
  });

  it("moves a payment by a later file's reported state", async () => {
    const path = file("reported.ndjson", [JSON.stringify(payment(5, { lifeCycleState: "CANCELLED" })), JSON.stringify(payment(6, { lifeCycleState: "DRAFT" }))]);
    const summary = await runImport(api.db, "payments", path, IMPORT_ACTOR, quiet);
    expect(summary).toMatchObject({ updated: 1, refused: { PAYMENT_STATE_MOVE: 1 } });
    expect(refusedLines(path)[0]).toMatchObject({ line: 2, reason: "PAYMENT_STATE_MOVE" });
  });
});

describe("npm run import of reference data", () => {
  it("imports resellers, currencies, rate periods and lookups, and again changes nothing", async () => {
    const files = {
      resellers: file("resellers.csv", ["code,name,parentCode", "imp-north,Import North,acme", `imp-south,"South, Ltd",imp-north`, "imp-north,Import North,imp-south", "imp-orphan,Orphan,nobody"]),
      currencies: file("currencies.csv", ["code,prefixSymbol,suffixSymbol,lifeCycleState,integerPartName,decimalPartName,minorUnitDigits", "SEK,,kr,EFFECTIVE,krona,öre,2", "sek,,kr,EFFECTIVE,krona,öre,2"]),
      "rate-periods": file("rate-periods.ndjson", [
        JSON.stringify({ currencyCode: "SEK", fromDate: "2024-01-01", toDate: "2024-12-31", rate: "0.087" }),
        JSON.stringify({ currencyCode: "SEK", fromDate: "2025-01-01", rate: "0.09", inverseRate: "11.1" }),
        JSON.stringify({ currencyCode: "SEK", fromDate: "2024-07-01", toDate: "2024-07-31", rate: "0.088" }),
      ]),
      lookups: file("lookups.ndjson", [JSON.stringify({ kind: "FINANCIAL_TRANSACTION_CATEGORY", code: "IMP-DUP", name: "Duplicate Charge" }), "[1, 2]"]),
    } as const;
    const results: Record<string, unknown> = {};
    for (const [kind, path] of Object.entries(files)) results[kind] = await runImport(api.db, kind as keyof typeof files, path, IMPORT_ACTOR, quiet);
    expect(results.resellers).toMatchObject({ created: 2, refused: { RESELLER_CYCLE: 1, RESELLER_NOT_FOUND: 1 } });
    expect(results.currencies).toMatchObject({ created: 1, refused: { VALIDATION: 1 } });
    expect(results["rate-periods"]).toMatchObject({ created: 2, refused: { RATE_PERIOD_OVERLAP: 1 } });
    expect(refusedLines(files["rate-periods"])[0].message).toContain("2024-01-01 to 2024-12-31");
    expect(results.lookups).toMatchObject({ created: 1, refused: { MALFORMED: 1 } });
    expect(refusedLines(files.resellers).map((r) => [r.line, r.reason])).toEqual([
      [4, "RESELLER_CYCLE"],
      [5, "RESELLER_NOT_FOUND"],
    ]);

    const before = await snapshotDatabase(api.dataSource);
    for (const [kind, path] of Object.entries(files)) {
      const again = await runImport(api.db, kind as keyof typeof files, path, IMPORT_ACTOR, quiet);
      expect(again).toMatchObject({ created: 0, updated: 0 });
    }
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });
});

describe("import progress", () => {
  it("prints a line per thousand records when not on a terminal", () => {
    const written: string[] = [];
    const progress = progressOn({ isTTY: false, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream, 100);
    progress.advance(500, 10, "500 created");
    progress.advance(1000, 20, "1000 created");
    progress.advance(1500, 30, "1500 created");
    progress.advance(2000, 40, "2000 created");
    expect(written).toEqual(["1000 records: 1000 created\n", "2000 records: 2000 created\n"]);
  });
});
