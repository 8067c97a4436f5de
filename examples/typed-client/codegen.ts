import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents for the operations in src/, from the committed schema.graphql.
 * To read the schema from a running API instead (introspection), set `schema` to
 * `{ "http://localhost:4000/graphql": { headers: { authorization: "Bearer <token>" } } }`.
 */
const config: CodegenConfig = {
  schema: "../../schema.graphql",
  documents: ["src/**/*.ts", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      config: {
        // Custom scalars are strings on the wire: Decimal never becomes a JavaScript number.
        scalars: { Decimal: "string", Date: "string", DateTime: "string" },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
