import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Client } from "pg";
import { createDataSource } from "../../src/database/data-source";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../src/database/embedded-postgres";

declare global {
  // Embedded servers started here, stopped in global-teardown.
  var __embeddedTestDatabases: EmbeddedPostgres[] | undefined;
}

/** One database per jest worker, migrated once: on DATABASE_URL's server, or one PGlite each. */
export default async function globalSetup(config: { maxWorkers: number }): Promise<void> {
  // The server and the operator console, built once here (as `npm run build` does) rather than by
  // two workers at once, nor while a test writes a probe file under src/ (test/project/architecture.test.ts).
  execFileSync(process.execPath, [join(__dirname, "..", "..", "scripts", "build-if-changed.js")], { stdio: "inherit" });
  execFileSync(process.execPath, [join(__dirname, "..", "..", "scripts", "build-console.js"), "--if-changed"], { stdio: "inherit" });
  const workers = Math.max(1, config.maxWorkers);
  const urls: string[] = [];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    // The server's maintenance database: DATABASE_URL's own database need not exist yet.
    const adminUrl = new URL(serverUrl);
    adminUrl.pathname = "/postgres";
    const admin = new Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    const baseName = new URL(serverUrl).pathname.slice(1) || "payments";
    for (let worker = 1; worker <= workers; worker++) {
      const name = `${baseName}_jest_${worker}`;
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      urls.push(url.toString());
    }
    await admin.end();
  } else {
    globalThis.__embeddedTestDatabases = await Promise.all(
      Array.from({ length: workers }, () => startEmbeddedPostgres()),
    );
    urls.push(...globalThis.__embeddedTestDatabases.map((db) => db.url));
  }
  for (const url of urls) {
    const dataSource = createDataSource(url, { poolSize: 1, embedded: serverUrl === undefined });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
  }
  process.env.TEST_DATABASE_URLS = JSON.stringify(urls);
}
