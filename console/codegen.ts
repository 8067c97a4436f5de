import type { CodegenConfig } from "@graphql-codegen/cli";

/** Typed documents for the console, from the API's committed contract (schema.graphql). */
const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      // urql hands the whole answer to the component that asked for it: no fragment masking.
      presetConfig: { fragmentMasking: false },
      config: {
        // Money, rates and dates stay strings: never a JavaScript number.
        scalars: { Decimal: "string", Date: "string", DateTime: "string" },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
