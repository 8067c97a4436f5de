import type { AppDataSource } from "../../src/database/data-source";

/** A statement as a store sent it, with its parameters. */
export interface SentStatement {
  text: string;
  params: unknown[];
}

/** A node of PostgreSQL's plan (EXPLAIN (FORMAT JSON)), the fields the plan tests read. */
export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** Every node of the plan PostgreSQL makes for a statement as it was sent. */
export async function planOf(dataSource: AppDataSource, statement: SentStatement): Promise<PlanNode[]> {
  const [row] = await dataSource.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.params);
  const explained = typeof row["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row["QUERY PLAN"];
  return nodes(explained[0].Plan);
}

/** Catches, at the statement logger, what the data source sends while `work` runs. */
export function statementRecorder(dataSource: AppDataSource): (work: () => Promise<unknown>) => Promise<SentStatement[]> {
  let sent: SentStatement[] | null = null;
  const logQuery = dataSource.logger.logQuery.bind(dataSource.logger);
  dataSource.logger.logQuery = (text, params, runner) => {
    sent?.push({ text, params: (params ?? []) as unknown[] });
    logQuery(text, params, runner);
  };
  return async (work) => {
    const statements: SentStatement[] = (sent = []);
    try {
      await work();
    } finally {
      sent = null;
    }
    return statements;
  };
}
