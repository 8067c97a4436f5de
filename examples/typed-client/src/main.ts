import { runExamples } from "./client";

/** `API_URL=http://localhost:4000/graphql API_TOKEN=pay_… npm start` */
runExamples(process.env.API_URL ?? "http://localhost:4000/graphql", process.env.API_TOKEN ?? "").then(
  (lines) => lines.forEach((line) => console.log(line)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
