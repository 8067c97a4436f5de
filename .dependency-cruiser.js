/**
 * The direction of the source (docs/architecture.md): a layer imports only layers below it.
 *   main.ts, scripts/ > app.ts (the composition root) > server/ > graphql/ > operations/ > vendors/ > access/ > stores/ > database/ demo/ observability/ > domain/
 * and the seams between them: all SQL in stores/ (and database/, which runs it), no GraphQL below
 * graphql/ but for the domain's own decorators. `npm run lint:layers` checks it: any import against
 * it fails.
 */
const ABOVE = {
  domain: ["database", "demo", "observability", "stores", "access", "vendors", "operations", "graphql", "server", "scripts"],
  lower: ["stores", "access", "vendors", "operations", "graphql", "server", "scripts"],
  stores: ["access", "vendors", "operations", "graphql", "server", "scripts"],
  access: ["vendors", "operations", "graphql", "server", "scripts"],
  vendors: ["operations", "graphql", "server", "scripts", "access"],
  operations: ["graphql", "server", "scripts"],
  graphql: ["server", "scripts"],
  server: ["scripts"],
};

const below = (from, layers) => ({
  name: `${from.replace(/[^a-z]+/g, "-")}-points-down`,
  comment: `${from} must not import ${layers.join(", ")}: the layers point one way (docs/architecture.md)`,
  severity: "error",
  from: { path: `^src/(${from})/` },
  to: { path: `^src/(${layers.join("|")})/` },
});

module.exports = {
  forbidden: [
    below("domain", ABOVE.domain),
    below("database|demo|observability", ABOVE.lower),
    below("stores", ABOVE.stores),
    below("access", ABOVE.access),
    below("vendors", ABOVE.vendors),
    below("operations", ABOVE.operations),
    below("graphql", ABOVE.graphql),
    below("server", ABOVE.server),
    {
      name: "sql-only-in-stores",
      comment: "all SQL lives in stores/ (docs/architecture.md, Storage): no TypeORM, pg or statement helper elsewhere; the domain keeps its entity decorators",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(stores|database|domain)/" },
      to: { path: ["node_modules/(typeorm|pg|pg-pool)/", "^src/database/(prepared-statements|find-entities|entity-rows|data-source)\\.ts$"] },
    },
    {
      name: "no-graphql-below-graphql",
      comment: "operations, vendors, access, stores and database speak plain TypeScript; GraphQL starts in graphql/ (the domain's entities keep their type-graphql decorators)",
      severity: "error",
      from: { path: "^src/(operations|vendors|access|stores|database|demo|observability)/" },
      to: { path: "node_modules/(graphql|type-graphql|graphql-scalars|@apollo)/" },
    },
    {
      name: "nothing-imports-main",
      comment: "main.ts starts the application; nothing imports it",
      severity: "error",
      from: {},
      to: { path: "^src/main\\.ts$" },
    },
    {
      name: "only-the-top-composes",
      comment: "app.ts is the composition root: main and the scripts use it, no layer below them",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(main\\.ts|scripts/)" },
      to: { path: "^src/app\\.ts$" },
    },
    {
      name: "no-circular-layers",
      comment: "a cycle of runtime imports between files ties them into one unit (type-only imports are erased)",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^src/server/explorer/" },
  },
};
