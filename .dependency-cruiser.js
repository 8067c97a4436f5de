/**
 * The direction of the source (docs/architecture.md): a layer imports only layers below it.
 *   main.ts, scripts/ > server/ > graphql/ > operations/ > vendors/ > payments/ access/ database/ demo/ observability/ > domain/
 * `npm run lint:layers` checks it: any import against it fails.
 */
const ABOVE = {
  domain: ["payments", "access", "database", "demo", "observability", "vendors", "operations", "graphql", "server", "scripts"],
  lower: ["vendors", "operations", "graphql", "server", "scripts"],
  vendors: ["operations", "graphql", "server", "scripts", "database", "payments", "access"],
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
    below("payments|access|database|demo|observability", ABOVE.lower),
    below("vendors", ABOVE.vendors),
    below("operations", ABOVE.operations),
    below("graphql", ABOVE.graphql),
    below("server", ABOVE.server),
    {
      name: "nothing-imports-main",
      comment: "main.ts starts the application; nothing imports it",
      severity: "error",
      from: {},
      to: { path: "^src/main\\.ts$" },
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
