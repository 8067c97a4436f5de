import { runExample } from "./live";

/** `API_URL=http://localhost:4000/graphql API_TOKEN=pay_… npm start` */
async function main(): Promise<void> {
  const lines = await runExample(process.env.API_URL ?? "http://localhost:4000/graphql", process.env.API_TOKEN ?? "", process.env.PAYMENT_NUMBER);
  for (const line of lines) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
