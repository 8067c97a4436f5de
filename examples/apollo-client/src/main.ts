import { createApiClient, lookUpAndCancel } from "./client";

/** `API_URL=http://localhost:4000/graphql API_TOKEN=pay_… npm start`: cancels a postpaid payment (refused) and a prepaid one. */
async function main(): Promise<void> {
  const client = createApiClient(process.env.API_URL ?? "http://localhost:4000/graphql", process.env.API_TOKEN ?? "");
  for (const number of ["1019", "1017"]) {
    for (const line of await lookUpAndCancel(client, number)) console.log(line);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
