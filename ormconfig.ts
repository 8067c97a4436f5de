import { createDataSource } from "./src/database/data-source";

/**
 * The data source of the TypeORM CLI (`npm run migrate`, `npx typeorm migration:revert -d
 * dist/ormconfig.js`). It needs DATABASE_URL: the embedded database migrates itself on start.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error("DATABASE_URL is not set: the TypeORM CLI works on a PostgreSQL server (postgres://user@host:5432/db).");
}
export default createDataSource(url, { applicationName: "payment-operations-migrations" });
