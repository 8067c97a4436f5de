import { announceStart, readStartLine, startBanner, startLine, START_MESSAGE, type StartReport } from "../../src/server/start-line";

const REPORT: StartReport = {
  url: "http://localhost:4000/graphql",
  metricsUrl: "http://127.0.0.1:9464/metrics",
  demoToken: null,
  adminReseller: "platform",
  embedded: false,
  dataDir: "/srv/data",
  production: true,
  console: true,
  explorer: false,
};

describe("the start line", () => {
  it("is the banner on a terminal and one JSON line elsewhere", () => {
    const written: string[] = [];
    announceStart(REPORT, { isTTY: true, write: (text: string) => written.push(text) });
    announceStart(REPORT, { isTTY: false, write: (text: string) => written.push(text) });
    expect(written[0]).toBe(startBanner(REPORT));
    expect(written[0]).toContain("Payment operations API ready at http://localhost:4000/graphql");
    expect(written[1].endsWith("\n")).toBe(true);
    expect(written[1].trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(written[1])).toMatchObject({ level: 30, msg: START_MESSAGE, url: REPORT.url, metrics: REPORT.metricsUrl, database: "postgresql", production: true });
  });

  it("carries no token in production, and says how to mint the first one", () => {
    const line = JSON.parse(startLine(REPORT));
    expect(line.demoToken).toBeUndefined();
    expect(line.mintToken).toBe("Mint tokens with npm run token -- create --reseller platform --role admin (the first one of a new database: docs/deploying.md#the-first-admin-token)");
    expect(startBanner(REPORT)).not.toContain("Demo token");
  });

  it("is read back from either form, with the demo token of a first start", () => {
    const demo = { ...REPORT, production: false, embedded: true, demoToken: "pay_1a2b3c4d_secret" };
    const written: string[] = [];
    announceStart(demo, { isTTY: false, write: (text: string) => written.push(text) });
    expect(written.join("").split("\n")[0]).not.toContain("pay_");
    expect(written.join("").split("\n")[1]).toBe("Demo token (admin at platform; shown once, keep it): pay_1a2b3c4d_secret");
    expect(readStartLine(`{"level":30,"msg":"other"}\n${written.join("")}`)).toEqual({ url: REPORT.url, demoToken: "pay_1a2b3c4d_secret" });
    expect(readStartLine(startBanner(demo))).toEqual({ url: REPORT.url, demoToken: "pay_1a2b3c4d_secret" });
    expect(readStartLine(startLine(REPORT))).toEqual({ url: REPORT.url, demoToken: null });
    expect(readStartLine(`{"level":30,"msg":"embedded PostgreSQL (PGlite) started"}\n`)).toBeNull();
  });
});
