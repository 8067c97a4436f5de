import { buildServer } from "../support/api-process";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { projectRoot } from "../../src/project-root";

jest.setTimeout(120_000);

let dataDir: string;
let child: ChildProcess;
let url: string;

// The embedded database in a process of its own, from the build, so that the sockets the last
// test reads are its own and not the test runner's.
const SERVE = `
  const { startEmbeddedPostgres } = require("./dist/src/database/embedded-postgres");
  startEmbeddedPostgres({ dataDir: process.argv[1] }).then((db) => {
    console.log("URL " + db.url);
    process.on("SIGTERM", () => db.stop().then(() => process.exit(0)));
  });`;

beforeAll(async () => {
  buildServer();
  dataDir = mkdtempSync(join(tmpdir(), "payments-embedded-"));
  child = spawn(process.execPath, ["-e", SERVE, dataDir], { cwd: projectRoot(), stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const found = /URL (\S+)/.exec(output);
      if (found) resolve(found[1]);
    });
    child.once("exit", (code) => reject(new Error(`embedded database exited with ${code}: ${output}`)));
  });
});
afterAll(async () => {
  if (child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the embedded database", () => {
  it("is served on a unix socket in the data folder that only its owner can enter", async () => {
    const socketDir = new URL(url).searchParams.get("host")!;
    expect(socketDir).toBe(join(dataDir, ".socket"));
    expect(statSync(socketDir).mode & 0o777).toBe(0o700);
    const socket = statSync(join(socketDir, ".s.PGSQL.5432"));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o077).toBe(0);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });

  it("listens on no TCP port", async () => {
    expect(new URL(url).port).toBe("");
    const pid = child.pid!;
    // Listening TCP sockets of the machine (state 0A), by inode, against the sockets the process holds.
    const listening = execFileSync("sh", ["-c", `cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$4 == "0A" {print $10}'`]).toString().split("\n").filter(Boolean);
    const ownInodes = execFileSync("sh", ["-c", `ls -l /proc/${pid}/fd 2>/dev/null | grep -o 'socket:\\[[0-9]*\\]' | grep -o '[0-9]*' || true`]).toString().split("\n").filter(Boolean);
    expect(ownInodes.length).toBeGreaterThan(0);
    expect(ownInodes.filter((inode) => listening.includes(inode))).toEqual([]);
  });
});
