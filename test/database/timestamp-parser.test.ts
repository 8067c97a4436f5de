import { types as pgTypes } from "pg";
import { timestampParser } from "../../src/database/timestamp-parser";
import type { AppDataSource } from "../../src/database/data-source";

// pg's own parser, taken before the data source's module replaces it: this file imports it (through
// the test database's helper) only in beforeAll below.
const library = pgTypes.getTypeParser(pgTypes.builtins.TIMESTAMPTZ) as (text: string) => unknown;
const parse = timestampParser(library);

/** The same instant and kind of value from both, compared as the values a reader would see. */
function same(text: string): void {
  const ours = parse(text);
  const theirs = library(text);
  expect({ text, value: ours instanceof Date ? ours.getTime() : ours, date: ours instanceof Date }).toEqual({
    text,
    value: theirs instanceof Date ? theirs.getTime() : theirs,
    date: theirs instanceof Date,
  });
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** A deterministic stream of numbers in [0, 1). */
function randoms(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe("reading timestamptz text as pg does", () => {
  it("gives pg's own parser's instant for every shape PostgreSQL sends in ISO DateStyle", () => {
    const next = randoms(7);
    const zones = ["+00", "-00", "+01", "-05", "+14", "-12", "+05:30", "-03:30", "+05:45", "-09:30", "+00:00"];
    for (let i = 0; i < 20_000; i++) {
      const year = 100 + Math.floor(next() * 9900);
      const fractionDigits = Math.floor(next() * 7);
      const fraction = fractionDigits === 0 ? "" : `.${pad(Math.floor(next() * 10 ** fractionDigits), fractionDigits)}`;
      const text =
        `${pad(year, 4)}-${pad(1 + Math.floor(next() * 12), 2)}-${pad(1 + Math.floor(next() * 28), 2)} ` +
        `${pad(Math.floor(next() * 24), 2)}:${pad(Math.floor(next() * 60), 2)}:${pad(Math.floor(next() * 60), 2)}${fraction}` +
        zones[i % zones.length];
      same(text);
    }
  });

  it("keeps the milliseconds pg's parser keeps of every fraction of one to six digits", () => {
    for (let width = 1; width <= 6; width++) {
      for (let fraction = 0; fraction < 10 ** width; fraction++) {
        const text = `2026-12-03 16:10:59.${pad(fraction, width)}+00`;
        const ours = (parse(text) as Date).getTime();
        if (ours !== (library(text) as Date).getTime()) same(text);
      }
    }
  });

  it("leaves every other text to pg's parser, and agrees with it there", () => {
    for (const text of [
      "infinity",
      "-infinity",
      "0044-03-15 12:00:00+00 BC",
      "2026-12-03 16:10:59.5+00 BC",
      "0099-12-31 23:59:59.999+00",
      "0001-01-01 00:00:00+00",
      "12026-12-03 16:10:59+00",
      "1900-01-01 00:00:00+00:19:32",
      "1900-01-01 00:00:00-00:17:30",
      "2026-12-03 16:10:59",
      "2026-12-03 16:10:59Z",
      "2026-12-03T16:10:59+00",
      "2026-12-03 16:10:59.+00",
      "2026-12-03 16:10:59.1234567+00",
      "2026-12-03 16:1a:59+00",
      "2026-12-03",
      "2026-12-03 16:10:59+0",
      "2026-12-03 16:10:59+05:3",
      "",
    ]) {
      same(text);
    }
  });

  describe("through the API's data source", () => {
    let dataSource: AppDataSource;

    beforeAll(async () => {
      const { openTestDatabase } = await import("../support/test-database");
      dataSource = await openTestDatabase({ seed: false });
    });

    afterAll(async () => {
      await dataSource?.destroy();
    });

    it("reads the instants PostgreSQL sends in every session time zone as pg's parser reads their text", async () => {
      expect(pgTypes.getTypeParser(pgTypes.builtins.TIMESTAMPTZ)).not.toBe(library);
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      try {
        for (const zone of ["UTC", "Asia/Kolkata", "America/St_Johns", "Europe/Amsterdam", "Pacific/Kiritimati", "America/Los_Angeles"]) {
          await runner.query(`SET TIME ZONE '${zone}'`);
          const rows: Array<{ at: unknown; text: string }> = await runner.query(
            `SELECT at, at::text AS text FROM (VALUES
               ('2026-12-03 16:10:59.123Z'::timestamptz), ('2026-06-30 23:59:59.999Z'), ('1900-01-01 00:00:00Z'),
               ('0044-03-15 12:00:00Z BC'), ('infinity'), ('-infinity'), ('2000-02-29 12:00:00.5Z'), ('0100-01-01 00:00:00.001Z')
             ) AS instants(at)`,
          );
          for (const row of rows) {
            const expected = library(row.text);
            expect({ zone, text: row.text, at: row.at instanceof Date ? row.at.getTime() : row.at }).toEqual({
              zone,
              text: row.text,
              at: expected instanceof Date ? expected.getTime() : expected,
            });
          }
        }
      } finally {
        await runner.query("RESET TIME ZONE");
        await runner.release();
      }
    });
  });
});
