import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { DataSource, type MigrationInterface, type QueryRunner } from "typeorm";
import { applyMigrations, MigrationFailedError } from "../../src/database/apply-migrations";
import { connectionFailure, DatabaseConnectionError } from "../../src/database/connection-failures";
import { MIGRATIONS } from "../../src/database/migrations";
import { projectRoot } from "../../src/project-root";
import { buildServer } from "../support/api-process";
import { fatalErrorResponse } from "../support/tcp-proxy";
import { EMBEDDED, workerDatabaseUrl } from "../support/test-database";

const run = promisify(execFile);
jest.setTimeout(180_000);

beforeAll(() => buildServer());

/** `npm run migrate`'s built script, with these settings instead of DATABASE_URL and DATA_DIR. */
function migrate(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  // As on an operator's shell: the application logs at info there.
  const base: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development" };
  delete base.LOG_LEVEL;
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  return run(process.execPath, [join(projectRoot(), "dist", "src", "scripts", "migrate.js")], { env: { ...base, ...env } }).then(
    (done) => ({ code: 0, ...done }),
    (failed: { code: number; stdout: string; stderr: string }) => ({ code: failed.code, stdout: failed.stdout, stderr: failed.stderr }),
  );
}

/** The server of the worker's database, with another database name. */
function onWorkerServer(database: string): string {
  const url = new URL(workerDatabaseUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: onWorkerServer("postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A server that answers every connection as PostgreSQL does for a database that does not exist. */
async function serverWithoutDatabase(name: string): Promise<Server> {
  const server = createServer((socket) => {
    socket.once("data", () => socket.end(fatalErrorResponse("3D000", `database "${name}" does not exist`)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

/** A port on which nothing listens (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("npm run migrate", () => {
  it("applies every migration to a new database, naming each, then has nothing to apply", async () => {
    const name = `payments_migrate_${process.pid}`;
    const folder = mkdtempSync(join(tmpdir(), "payments-migrate-"));
    if (!EMBEDDED) await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name}`).then(() => client.query(`CREATE DATABASE ${name}`)));
    const target = EMBEDDED ? { DATA_DIR: folder } : { DATABASE_URL: onWorkerServer(name) };
    const where = EMBEDDED ? `the embedded database in ${folder}` : `${new URL(workerDatabaseUrl()).hostname}:${new URL(workerDatabaseUrl()).port || 5432}/${name}`;
    try {
      const first = await migrate(target);
      expect(first.stderr).toBe("");
      expect(first.stdout.trim().split("\n")).toEqual([
        ...MIGRATIONS.map((migration) => `Applied ${new migration().name}`),
        `${MIGRATIONS.length} migration(s) applied to ${where}; it is up to date.`,
      ]);
      const second = await migrate(target);
      expect(second.stdout.trim()).toBe(`Nothing to apply: ${where} is up to date (${MIGRATIONS.length} migrations).`);
      expect(second.code).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      if (!EMBEDDED) await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });

  it("says in one line that the database does not exist, and how to create it, exits 1 and creates nothing", async () => {
    const name = `payments_missing_${process.pid}`;
    const fake = EMBEDDED ? await serverWithoutDatabase(name) : undefined;
    const url = fake ? `postgres://postgres@127.0.0.1:${(fake.address() as AddressInfo).port}/${name}` : onWorkerServer(name);
    const { hostname, port } = new URL(url);
    try {
      const result = await migrate({ DATABASE_URL: url });
      expect(result).toEqual({
        code: 1,
        stdout: "",
        stderr: `npm run migrate: database "${name}" does not exist on ${hostname}:${port || 5432}: create it with \`createdb -h ${hostname} -p ${port || 5432} -U postgres ${name}\` (or CREATE DATABASE), then run \`npm run migrate\`\n`,
      });
      if (!EMBEDDED) expect((await onServer((client) => client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]))).rowCount).toBe(0);
    } finally {
      fake?.close();
    }
  });

  it("says in one line that nothing answers at the server's address, and exits 1", async () => {
    const port = await closedPort();
    const result = await migrate({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/payments` });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `npm run migrate: nothing answers at 127.0.0.1:${port}: start PostgreSQL there, or set DATABASE_URL to the server's address\n`,
    });
  });
});

describe("a PostgreSQL that cannot be used, in one line", () => {
  const url = "postgres://app:secret@db.example:6432/payments";
  const said = (error: unknown) => connectionFailure(error, url)?.message;

  it.each([
    ["no such database", { code: "3D000", message: 'database "payments" does not exist' }, 'database "payments" does not exist on db.example:6432: create it with `createdb -h db.example -p 6432 -U app payments` (or CREATE DATABASE), then run `npm run migrate`'],
    ["nothing listens", new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:6432"), { code: "ECONNREFUSED" })]), "nothing answers at db.example:6432: start PostgreSQL there, or set DATABASE_URL to the server's address"],
    ["an unknown host", { code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND db.example" }, 'the host "db.example" of DATABASE_URL is not known: check DATABASE_URL'],
    ["no answer in time", new Error("Connection terminated due to connection timeout"), "PostgreSQL at db.example:6432 did not answer in time: check DATABASE_URL, the network and the firewall (DATABASE_CONNECT_TIMEOUT_MS)"],
    ["a wrong password", Object.assign(new Error('password authentication failed for user "app"'), { code: "28P01" }), 'PostgreSQL at db.example:6432 refused the user "app" (password authentication failed for user "app"): check the user and password in DATABASE_URL'],
    ["a server starting up", { code: "57P03", message: "the database system is starting up" }, "PostgreSQL at db.example:6432 is starting up or shutting down: try again in a moment"],
  ])("%s", (_name, error, message) => {
    expect(said(error)).toBe(message);
    expect(connectionFailure(error, url)).toBeInstanceOf(DatabaseConnectionError);
    expect(message).not.toContain("secret");
  });

  it("leaves any other error as it is", () => {
    expect(said(Object.assign(new Error('relation "payment" does not exist'), { code: "42P01" }))).toBeUndefined();
  });
});

describe("a migration that fails", () => {
  const table = `migrate_probe_${process.pid}`;
  class CreateProbe1000000000001 implements MigrationInterface {
    name = "CreateProbe1000000000001";
    async up(q: QueryRunner) {
      await q.query(`CREATE TABLE ${table} (id int)`);
    }
    async down() {}
  }
  class Divide1000000000002 implements MigrationInterface {
    name = "Divide1000000000002";
    async up(q: QueryRunner) {
      await q.query(`INSERT INTO ${table} VALUES (1)`);
      await q.query(`SELECT 1 / 0`);
    }
    async down() {}
  }

  it("is named with the ones applied before it, which stay applied; its own work is rolled back", async () => {
    const dataSource = new DataSource({
      type: "postgres",
      url: workerDatabaseUrl(),
      migrations: [CreateProbe1000000000001, Divide1000000000002],
      migrationsTableName: `${table}_migration`,
      extra: { max: 1 },
    });
    await dataSource.initialize();
    try {
      const failure = await applyMigrations(dataSource).then(() => undefined, (error: unknown) => error);
      expect(failure).toBeInstanceOf(MigrationFailedError);
      expect((failure as Error).message).toBe("migration Divide1000000000002 failed: division by zero (applied before it: CreateProbe1000000000001)");
      expect(await dataSource.query(`SELECT count(*)::int AS rows FROM ${table}`)).toEqual([{ rows: 0 }]);
      expect((await dataSource.query(`SELECT name FROM ${table}_migration`)).map((row: { name: string }) => row.name)).toEqual(["CreateProbe1000000000001"]);
    } finally {
      await dataSource.query(`DROP TABLE IF EXISTS ${table}, ${table}_migration`);
      await dataSource.destroy();
    }
  });
});
