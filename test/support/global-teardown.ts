export default async function globalTeardown(): Promise<void> {
  await Promise.all((globalThis.__embeddedTestDatabases ?? []).map((db) => db.stop()));
}
