import type { AppDataSource } from "../../src/database/data-source";
import { startApiServer, type RunningApiServer } from "../../src/server/api-server";
import { openTestDatabase } from "./test-database";

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>;
}

export interface TestApi {
  url: string;
  dataSource: AppDataSource;
  server: RunningApiServer;
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** The real API on an ephemeral port over the worker's database, spoken to over HTTP. */
export async function startTestApi(): Promise<TestApi> {
  const dataSource = await openTestDatabase();
  const server = await startApiServer({ dataSource }, 0);
  return {
    url: server.url,
    dataSource,
    server,
    graphql: (query, variables, headers) => postGraphQL(server.url, query, variables, headers),
    async close() {
      await server.stop();
      await dataSource.destroy();
    },
  };
}

export async function postGraphQL(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse, "status">;
  return { status: response.status, ...body };
}
