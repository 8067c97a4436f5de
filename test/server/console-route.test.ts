import { mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import express from "express";
import { consoleRouter } from "../../src/server/console";
import { tempFolders } from "../support/temp-folders";

const newFolder = tempFolders("console-route-");

/** GET `path` from an app serving the console built in `dir` on /console. */
async function get(dir: string, path: string): Promise<{ status: number; retryAfter: string | null; type: string | null; body: string }> {
  const app = express();
  app.use("/console", consoleRouter(dir));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    return { status: response.status, retryAfter: response.headers.get("retry-after"), type: response.headers.get("content-type"), body: await response.text() };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("/console", () => {
  it("answers 503 with a time to retry and what to do while the console is not built (npm start builds it beside the API)", async () => {
    const answer = await get(join(newFolder(), "console"), "/console/payments");
    expect(answer).toEqual({ status: 503, retryAfter: "5", type: expect.stringMatching(/^text\/plain/), body: expect.stringContaining("not built yet") });
    expect(answer.body).toContain("npm run console:build");
  });

  it("answers the page at any path under it, and a missing asset as 404, once it is built", async () => {
    const dir = newFolder();
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), '<div id="root"></div>');
    writeFileSync(join(dir, "assets", "app-1234.js"), "console.log(1)");
    expect(await get(dir, "/console/payments/1026")).toMatchObject({ status: 200, retryAfter: null, body: '<div id="root"></div>' });
    expect(await get(dir, "/console/assets/app-1234.js")).toMatchObject({ status: 200, body: "console.log(1)" });
    expect((await get(dir, "/console/assets/app-5678.js")).status).toBe(404);
  });
});
