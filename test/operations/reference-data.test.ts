import { createAccessToken } from "../../src/access/access-tokens";
import { useTestApi } from "../support/test-api";
import { snapshotDatabase } from "../support/test-database";

/** Reference data: the admin's mutations, and the lookups and reseller tree for forms and filters. */
const api = useTestApi();

const SAVE_RESELLER = `mutation($input: SaveResellerInput!) { saveReseller(input: $input) {
  __typename ... on Error { code message }
  ... on ResellerSaved { change reseller { code name parentId } }
  ... on ValidationError { fieldErrors { field message } }
  ... on ResellerNotFoundError { resellerCode }
  ... on ResellerCycleError { resellerCode parentCode }
  ... on NotAuthorizedError { permission } } }`;
const SAVE_CURRENCY = `mutation($input: SaveCurrencyInput!) { saveCurrency(input: $input) {
  __typename ... on Error { code message } ... on ValidationError { fieldErrors { field message } }
  ... on CurrencySaved { change currency { code prefixSymbol lifeCycleState minorUnitDigits } } } }`;
const SAVE_PERIOD = `mutation($input: SaveRatePeriodInput!) { saveRatePeriod(input: $input) {
  __typename ... on Error { code message } ... on ValidationError { fieldErrors { field message } }
  ... on RatePeriodSaved { change ratePeriod { rate inverseRate fromDate toDate currency { code } } }
  ... on RatePeriodOverlapError { overlapping { id fromDate toDate } }
  ... on CurrencyNotFoundError { currencyCode } } }`;
const SAVE_LOOKUP = `mutation($input: SaveLookupInput!) { saveLookup(input: $input) {
  __typename ... on Error { code message } ... on ValidationError { fieldErrors { field message } }
  ... on ReferenceConflictError { field }
  ... on LookupSaved { change lookup { kind name code } } } }`;

async function tokenOf(roles: string[], resellerCode = "platform") {
  return { authorization: `Bearer ${(await createAccessToken(api.dataSource, { resellerCode, roles: roles as never })).token}` };
}

async function save(mutation: string, input: Record<string, unknown>, headers?: Record<string, string>) {
  const res = await api.graphql(mutation, { input }, headers);
  expect(res.errors).toBeUndefined();
  return Object.values(res.data)[0] as any;
}

/** A bad input answers its typed error and changes nothing in the database. */
async function refusedWithoutChange(mutation: string, input: Record<string, unknown>, headers?: Record<string, string>) {
  const before = await snapshotDatabase(api.dataSource);
  const answer = await save(mutation, input, headers);
  expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  return answer;
}

describe("resellers", () => {
  it("adds a reseller, answers UNCHANGED to the same again, renames and moves it within reach", async () => {
    const added = await save(SAVE_RESELLER, { code: "acme-nordics", name: "Acme Nordics", parentCode: "acme-europe" });
    expect(added).toMatchObject({ __typename: "ResellerSaved", change: "CREATED", reseller: { code: "acme-nordics", name: "Acme Nordics" } });
    expect(await save(SAVE_RESELLER, { code: "acme-nordics", name: "Acme Nordics", parentCode: "acme-europe" })).toMatchObject({ change: "UNCHANGED" });
    expect(await save(SAVE_RESELLER, { code: "acme-nordics", name: "Acme Norden" })).toMatchObject({ change: "UPDATED", reseller: { name: "Acme Norden" } });
    const moved = await save(SAVE_RESELLER, { code: "acme-nordics", name: "Acme Norden", parentCode: "acme" });
    expect(moved.change).toBe("UPDATED");
    const [row] = await api.dataSource.query(`SELECT p.code FROM reseller r JOIN reseller p ON p.id = r.parent_id WHERE r.code = 'acme-nordics'`);
    expect(row.code).toBe("acme");
  });

  it("refuses a move below itself, a parent out of reach, a new top and bad input, changing nothing", async () => {
    expect(await refusedWithoutChange(SAVE_RESELLER, { code: "acme", name: "Acme Payments", parentCode: "acme-cyprus" })).toMatchObject({
      __typename: "ResellerCycleError",
      code: "RESELLER_CYCLE",
      resellerCode: "acme",
      parentCode: "acme-cyprus",
    });
    expect(await refusedWithoutChange(SAVE_RESELLER, { code: "acme", name: "Acme Payments", parentCode: "acme" })).toMatchObject({ __typename: "ResellerCycleError" });
    const acmeAdmin = await tokenOf(["admin"], "acme");
    expect(await refusedWithoutChange(SAVE_RESELLER, { code: "acme-asia", name: "Acme Asia", parentCode: "globex" }, acmeAdmin)).toMatchObject({
      __typename: "ResellerNotFoundError",
      resellerCode: "globex",
    });
    expect(await refusedWithoutChange(SAVE_RESELLER, { code: "globex", name: "Mine now", parentCode: "acme" }, acmeAdmin)).toMatchObject({ __typename: "ReferenceConflictError" });
    expect(await refusedWithoutChange(SAVE_RESELLER, { code: "rootless", name: "No parent" })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "parentCode" }],
    });
    const bad = await refusedWithoutChange(SAVE_RESELLER, { code: "", name: "x".repeat(201), parentCode: "acme" });
    expect(bad.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(["code", "name"]);
    expect(await refusedWithoutChange(SAVE_RESELLER, { code: "acme-x", name: "X", parentCode: "acme" }, await tokenOf(["operator"]))).toMatchObject({
      __typename: "NotAuthorizedError",
      permission: "reference:write",
    });
  });

  it("lists the resellers within reach as a tree, the caller's own first", async () => {
    const res = await api.graphql(`{ resellers { depth reseller { code parentId } } }`, undefined, await tokenOf(["viewer"], "acme"));
    const rows = res.data.resellers as Array<{ depth: number; reseller: { code: string; parentId: string | null } }>;
    expect(rows[0]).toEqual({ depth: 0, reseller: { code: "acme", parentId: null } });
    expect(rows.map((r) => r.reseller.code)).toEqual(expect.arrayContaining(["acme", "acme-europe", "acme-cyprus"]));
    expect(rows.map((r) => r.reseller.code)).not.toContain("globex");
    expect(rows.map((r) => r.reseller.code)).not.toContain("platform");
    const cyprus = rows.find((r) => r.reseller.code === "acme-cyprus")!;
    expect(cyprus.depth).toBe(2);
    // Parents come before their children.
    const codes = rows.map((r) => r.reseller.code);
    expect(codes.indexOf("acme-europe")).toBeLessThan(codes.indexOf("acme-cyprus"));
  });
});

describe("currencies and rate periods", () => {
  const chf = { code: "CHF", prefixSymbol: "Fr.", lifeCycleState: "EFFECTIVE", integerPartName: "franc", decimalPartName: "centime", minorUnitDigits: 2 };

  it("adds a currency, answers UNCHANGED to it again, changes it, and refuses bad input without change", async () => {
    expect(await save(SAVE_CURRENCY, chf)).toMatchObject({ change: "CREATED", currency: { code: "CHF", prefixSymbol: "Fr.", minorUnitDigits: 2 } });
    expect(await save(SAVE_CURRENCY, chf)).toMatchObject({ change: "UNCHANGED" });
    expect(await save(SAVE_CURRENCY, { ...chf, lifeCycleState: "NOT_EFFECTIVE" })).toMatchObject({ change: "UPDATED", currency: { lifeCycleState: "NOT_EFFECTIVE" } });
    const bad = await refusedWithoutChange(SAVE_CURRENCY, { ...chf, code: "chf", minorUnitDigits: 7 });
    expect(bad.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(["code", "minorUnitDigits"]);
  });

  it("adds and changes rate periods, and names the period an overlap runs into", async () => {
    await save(SAVE_CURRENCY, chf);
    const first = await save(SAVE_PERIOD, { currencyCode: "CHF", fromDate: "2024-01-01", toDate: "2024-12-31", rate: "1.05" });
    expect(first).toMatchObject({ change: "CREATED", ratePeriod: { rate: "1.05", inverseRate: "0.952380952381", fromDate: "2024-01-01", toDate: "2024-12-31", currency: { code: "CHF" } } });
    expect(await save(SAVE_PERIOD, { currencyCode: "CHF", fromDate: "2024-01-01", toDate: "2024-12-31", rate: "1.0500" })).toMatchObject({ change: "UNCHANGED" });
    expect(await save(SAVE_PERIOD, { currencyCode: "CHF", fromDate: "2024-01-01", toDate: "2024-12-31", rate: "1.06", inverseRate: "0.94" })).toMatchObject({
      change: "UPDATED",
      ratePeriod: { rate: "1.06", inverseRate: "0.94" },
    });
    const [{ id }] = await api.dataSource.query(`SELECT p.id FROM currency_rate_period p JOIN currency c ON c.id = p.currency_id WHERE c.code = 'CHF' AND p.from_date = '2024-01-01'`);
    const overlap = await refusedWithoutChange(SAVE_PERIOD, { currencyCode: "CHF", fromDate: "2024-06-01", rate: "1.1" });
    expect(overlap).toMatchObject({ __typename: "RatePeriodOverlapError", code: "RATE_PERIOD_OVERLAP", overlapping: { id, fromDate: "2024-01-01", toDate: "2024-12-31" } });
    expect(overlap.message).toContain("2024-01-01 to 2024-12-31");
    expect(await save(SAVE_PERIOD, { currencyCode: "CHF", fromDate: "2025-01-01", rate: "1.1" })).toMatchObject({ change: "CREATED", ratePeriod: { toDate: null } });
    // Stretching the first period into the second is refused too.
    expect(await refusedWithoutChange(SAVE_PERIOD, { currencyCode: "CHF", fromDate: "2024-01-01", toDate: "2025-03-31", rate: "1.06" })).toMatchObject({
      __typename: "RatePeriodOverlapError",
      overlapping: { fromDate: "2025-01-01", toDate: null },
    });
    expect(await refusedWithoutChange(SAVE_PERIOD, { currencyCode: "XYZ", fromDate: "2024-01-01", rate: "1" })).toMatchObject({ __typename: "CurrencyNotFoundError" });
    const bad = await refusedWithoutChange(SAVE_PERIOD, { currencyCode: "CHF", fromDate: "2031-01-01", rate: "0", inverseRate: "-1" });
    expect(bad.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(["inverseRate", "rate"]);
    expect(await refusedWithoutChange(SAVE_PERIOD, { currencyCode: "CHF", fromDate: "2030-02-01", toDate: "2030-01-01", rate: "1" })).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ field: "toDate" }],
    });
  });
});

describe("lookups", () => {
  it("adds and renames lookups, refuses a name another holds, and lists them by kind", async () => {
    const input = { kind: "REJECTION_REASON", code: "TEST-FRAUD", name: "Reject Due to Suspected Fraud" };
    expect(await save(SAVE_LOOKUP, input)).toMatchObject({ change: "CREATED", lookup: input });
    expect(await save(SAVE_LOOKUP, input)).toMatchObject({ change: "UNCHANGED" });
    expect(await save(SAVE_LOOKUP, { ...input, name: "Reject Due to Fraud" })).toMatchObject({ change: "UPDATED", lookup: { name: "Reject Due to Fraud" } });
    expect(await refusedWithoutChange(SAVE_LOOKUP, { ...input, code: "OTHER", name: "Reject Due to Business Request" })).toMatchObject({
      __typename: "ReferenceConflictError",
      field: "name",
    });
    expect((await refusedWithoutChange(SAVE_LOOKUP, { kind: "REJECTION_REASON", code: "", name: "x" })).__typename).toBe("ValidationError");

    const res = await api.graphql(`{ lookups(kind: REJECTION_REASON) { kind name code } all: lookups { kind } }`, undefined, await tokenOf(["viewer"], "globex"));
    expect(res.data.lookups).toEqual(expect.arrayContaining([{ kind: "REJECTION_REASON", name: "Reject Due to Fraud", code: "TEST-FRAUD" }]));
    expect(new Set(res.data.lookups.map((l: { kind: string }) => l.kind))).toEqual(new Set(["REJECTION_REASON"]));
    expect(new Set(res.data.all.map((l: { kind: string }) => l.kind))).toEqual(new Set(["FINANCIAL_TRANSACTION_TYPE", "FINANCIAL_TRANSACTION_CATEGORY", "REJECTION_REASON"]));
  });
});
