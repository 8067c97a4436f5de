import { execFile, spawn } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { DataFolderInUseError, LOCK_FILE, lockDataFolder } from "../../src/database/data-folder-lock";
import { projectRoot } from "../../src/project-root";
import { buildServer, readStartLine, startApiProcess, type ApiProcess } from "../support/api-process";
import { tempFolders } from "../support/temp-folders";
import { postGraphQL } from "../support/test-api";

const run = promisify(execFile);
/** A first start on a new data folder creates, migrates and seeds PGlite: some 5 s on an idle machine. */
const NEW_FOLDER_START_MS = 120_000;
jest.setTimeout(180_000);

const newFolder = tempFolders("payments-folder-");

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

function lockOf(folder: string): { pid: number; command: string; since: string } {
  return JSON.parse(readFileSync(join(folder, LOCK_FILE), "utf8"));
}

describe("the data folder's lock", () => {
  it("is held until released, and refused meanwhile, in this process too", () => {
    const folder = newFolder();
    const release = lockDataFolder(folder);
    expect(lockOf(folder).pid).toBe(process.pid);
    expect(() => lockDataFolder(folder)).toThrow(DataFolderInUseError);
    expect(() => lockDataFolder(folder)).toThrow(`The data folder ${folder} is in use by process ${process.pid}`);
    release();
    expect(() => statSync(join(folder, LOCK_FILE))).toThrow(/ENOENT/);
    lockDataFolder(folder)();
  });

  it("refuses a folder a living process holds, naming it and what to do, and leaves its lock alone", async () => {
    const folder = newFolder();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      const theirs = JSON.stringify({ pid: other.pid, command: "dist/src/main.js", since: "2026-01-01T00:00:00.000Z" });
      writeFileSync(join(folder, LOCK_FILE), theirs);
      expect(() => lockDataFolder(folder)).toThrow(
        `The data folder ${folder} is in use by process ${other.pid} (dist/src/main.js, since 2026-01-01T00:00:00.000Z): one process at a time can use it. Stop that process first, or set DATA_DIR to another folder (or DATABASE_URL to a PostgreSQL server).`,
      );
      expect(readFileSync(join(folder, LOCK_FILE), "utf8")).toBe(theirs);
    } finally {
      other.kill("SIGKILL");
    }
  });

  it.each([
    ["of a process that has ended", async () => JSON.stringify({ pid: await deadPid(), command: "dist/src/main.js", since: "2026-01-01T00:00:00.000Z" })],
    ["left half written", async () => `{"pid": 12`],
    ["left empty", async () => ""],
  ])("is taken over when it is a lock %s", async (_name, content) => {
    const folder = newFolder();
    writeFileSync(join(folder, LOCK_FILE), await content());
    const release = lockDataFolder(folder);
    expect(lockOf(folder).pid).toBe(process.pid);
    release();
  });
});

describe("one process per embedded data folder", () => {
  let folder: string;
  let first: ApiProcess | undefined;
  let token: string;
  const socketDir = () => join(folder, ".socket");

  beforeAll(async () => {
    buildServer();
    folder = newFolder();
    first = await startApiProcess("", { DATA_DIR: folder }, NEW_FOLDER_START_MS);
    token = readStartLine(first.output())!.demoToken!;
  });
  afterAll(async () => {
    if (first && first.process.exitCode === null && first.process.signalCode === null) {
      first.process.kill("SIGKILL");
      await first.exited;
    }
  });

  /** The built entry point of a command on the folder, as `npm start` or `npm run token` runs it. */
  function onFolder(script: string, ...args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: folder, LOG_LEVEL: "silent", PORT: "0", METRICS_PORT: "0" };
    delete env.DATABASE_URL;
    return run(process.execPath, [join(projectRoot(), "dist", "src", script), ...args], { env }).then(
      (done) => ({ code: 0, ...done }),
      (failed: { code: number; stdout: string; stderr: string }) => ({ code: failed.code, stdout: failed.stdout, stderr: failed.stderr }),
    );
  }

  async function tokenCount(): Promise<number> {
    const client = new Client({ host: socketDir(), user: "postgres", database: "postgres" });
    await client.connect();
    try {
      return (await client.query("SELECT count(*)::int AS n FROM access_token")).rows[0].n;
    } finally {
      await client.end();
    }
  }

  it("refuses a second API and npm run token with one line naming the folder and the pid, and the first keeps serving", async () => {
    const socket = statSync(join(socketDir(), ".s.PGSQL.5432"));
    const tokens = await tokenCount();
    const refusal = `The data folder ${folder} is in use by process ${first!.process.pid} (`;

    const second = await onFolder("main.js");
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split("\n")).toEqual([expect.stringContaining(`The API could not start: ${refusal}`)]);
    expect(second.stderr).toContain("Stop that process first");

    for (const args of [["create", "--reseller", "platform", "--role", "admin"], ["list"], ["revoke", token.slice(0, 12)]]) {
      const cli = await onFolder(join("scripts", "token.js"), ...args);
      expect({ args, code: cli.code, stdout: cli.stdout }).toEqual({ args, code: 1, stdout: "" });
      expect(cli.stderr.trim().split("\n")).toEqual([expect.stringContaining(refusal)]);
    }

    // The socket of the running API is the same file, and it still answers, on the socket and over HTTP.
    expect(statSync(join(socketDir(), ".s.PGSQL.5432")).ino).toBe(socket.ino);
    expect(await tokenCount()).toBe(tokens);
    const answer = await postGraphQL(first!.url, `{ payments(first: 1) { totalCount } }`, undefined, { authorization: `Bearer ${token}` });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.payments.totalCount).toBeGreaterThan(0);
    expect(lockOf(folder).pid).toBe(first!.process.pid);
  });

  it("takes over the lock of an API killed with SIGKILL, with the data kept and the advice to stop the API before npm run token", async () => {
    const killedPid = first!.process.pid;
    first!.process.kill("SIGKILL");
    await first!.exited;
    expect(lockOf(folder).pid).toBe(killedPid);

    first = await startApiProcess("", { DATA_DIR: folder }, NEW_FOLDER_START_MS);
    expect(lockOf(folder).pid).toBe(first.process.pid);
    expect(readStartLine(first.output())!.demoToken).toBeNull();
    expect(first.output()).toContain(`Mint a token: stop the API (Ctrl+C; one process at a time uses ${folder}), then npm run token -- create`);
    const answer = await postGraphQL(first.url, `{ payments(first: 1) { totalCount } }`, undefined, { authorization: `Bearer ${token}` });
    expect(answer.data?.payments.totalCount).toBeGreaterThan(0);

    // Stopped the ordinary way, the folder is free again: npm run token works on it.
    first.process.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(() => statSync(join(folder, LOCK_FILE))).toThrow(/ENOENT/);
    const listed = await onFolder(join("scripts", "token.js"), "list");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(token.slice(0, 12));
  });
});
