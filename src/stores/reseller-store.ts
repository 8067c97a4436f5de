import { findEntities, findEntity } from "../database/find-entities";
import { queryPrepared } from "../database/prepared-statements";
import { Reseller } from "../domain/reseller.entity";
import { Store } from "./store";

/** A reseller of a tree as it is listed: depth below the top of the listing. */
export interface ResellerInTree {
  reseller: Reseller;
  depth: number;
}

/** What a reseller is saved with: its parent resolved to an id. */
export interface ResellerValues {
  code: string;
  name: string;
  parentId: string | null;
}

/** The reseller tree: who is below whom, and its changes. */
export class ResellerStore extends Store {
  byCode(code: string): Promise<Reseller | null> {
    return findEntity(this.sql, Reseller, { code });
  }

  byCodes(codes: readonly string[]): Promise<Reseller[]> {
    return findEntities(this.sql, Reseller, { code: codes });
  }

  /**
   * Holds every other change of the tree until the caller's transaction ends: two moves checked
   * for cycles at once could otherwise each pass and together close one.
   */
  async lockTree(): Promise<void> {
    await queryPrepared(this.sql, `LOCK TABLE reseller IN SHARE ROW EXCLUSIVE MODE`, []);
  }

  /** Whether any reseller exists yet (the first is the top of the tree). */
  async any(): Promise<boolean> {
    const [row] = await queryPrepared<{ found: boolean }>(this.sql, `SELECT EXISTS (SELECT 1 FROM reseller) AS found`, []);
    return row.found;
  }

  /** Whether `id` is `topId` or below it, at any depth. */
  async isWithin(topId: string, id: string): Promise<boolean> {
    const [row] = await queryPrepared<{ within: boolean }>(
      this.sql,
      `WITH RECURSIVE up(id, parent_id) AS (
         SELECT id, parent_id FROM reseller WHERE id = $2
         UNION SELECT r.id, r.parent_id FROM reseller r JOIN up ON r.id = up.parent_id)
       SELECT EXISTS (SELECT 1 FROM up WHERE id = $1) AS within`,
      [topId, id],
    );
    return row.within;
  }

  async insert(values: ResellerValues): Promise<Reseller> {
    const [row] = await queryPrepared<{ id: string }>(this.sql, `INSERT INTO reseller (code, name, parent_id) VALUES ($1, $2, $3) RETURNING id`, [
      values.code,
      values.name,
      values.parentId,
    ]);
    return (await findEntity(this.sql, Reseller, { id: row.id }))!;
  }

  async update(id: string, values: Pick<ResellerValues, "name" | "parentId">): Promise<Reseller> {
    await queryPrepared(this.sql, `UPDATE reseller SET name = $2, parent_id = $3 WHERE id = $1`, [id, values.name, values.parentId]);
    return (await findEntity(this.sql, Reseller, { id }))!;
  }

  /**
   * A reseller and every one below it, parents before children and siblings by code, with each
   * one's depth below the top; from the top of the tree when no reseller is given.
   */
  async tree(topId: string | null): Promise<ResellerInTree[]> {
    const rows = await queryPrepared<{ id: string; code: string; name: string; parent_id: string | null; created_at: Date; depth: number }>(
      this.sql,
      `WITH RECURSIVE tree AS (
         SELECT r.id, r.code, r.name, r.parent_id, r.created_at, 0 AS depth, ARRAY[r.code::text] AS path
           FROM reseller r WHERE ($1::uuid IS NULL AND r.parent_id IS NULL) OR r.id = $1::uuid
         UNION ALL
         SELECT c.id, c.code, c.name, c.parent_id, c.created_at, t.depth + 1, t.path || c.code::text
           FROM reseller c JOIN tree t ON c.parent_id = t.id)
       SELECT id, code, name, parent_id, created_at, depth FROM tree ORDER BY path`,
      [topId],
    );
    return rows.map((row) => ({
      reseller: Object.assign(new Reseller(), { id: row.id, code: row.code, name: row.name, parentId: row.parent_id, createdAt: row.created_at }),
      depth: Number(row.depth),
    }));
  }
}
