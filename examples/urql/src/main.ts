import { createApiClient, runExample } from "./client";

/** `API_URL=http://localhost:4000/graphql API_TOKEN=pay_… npm start` */
async function main(): Promise<void> {
  const client = createApiClient(process.env.API_URL ?? "http://localhost:4000/graphql", process.env.API_TOKEN ?? "");
  for (const line of await runExample(client)) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
