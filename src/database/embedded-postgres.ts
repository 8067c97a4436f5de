import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  /** A `postgres://` URL that the `pg` driver (and so TypeORM) connects to. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the data between starts; in memory when undefined. */
  dataDir?: string;
  /** Loopback port to serve on; 0 picks a free one. */
  port?: number;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served over the PostgreSQL wire protocol on a
 * loopback port so that the same `pg` driver and TypeORM `postgres` driver are used as in
 * production. PGlite runs one statement at a time in a single session: the data source gives it
 * a pool of one connection, so transactions of different requests never interleave.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(options.dataDir, { extensions: { btree_gist } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port ?? 0, maxConnections: 16 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
