import type { CodegenConfig } from "@graphql-codegen/cli";
import type { IntrospectionOptions } from "graphql";

/**
 * What codegen asks a running API for when it reads the schema by introspection (graphql-tools'
 * URL loader hands these to graphql-js's getIntrospectionQuery). None is asked for unless told:
 * without `oneOf` the identifier inputs (PaymentIdentifierInput, …) lose their one-of shape and
 * any mix of their fields type-checks; the others keep argument deprecations, scalar
 * specifications and repeatable directives, as schema.graphql has them.
 */
export const INTROSPECTION: IntrospectionOptions = { oneOf: true, inputValueDeprecation: true, specifiedByUrl: true, directiveIsRepeatable: true };

/**
 * The API's contract: the committed schema.graphql, or with SCHEMA_URL the schema of a running
 * API by introspection (sending API_TOKEN). Both give the same types. Node's own fetch carries the
 * request: it drops the token if the URL redirects to another origin.
 */
export function apiSchema(env: NodeJS.ProcessEnv = process.env): CodegenConfig["schema"] {
  if (!env.SCHEMA_URL) return "../../schema.graphql";
  return { [env.SCHEMA_URL]: { headers: { authorization: `Bearer ${env.API_TOKEN ?? ""}` }, customFetch: fetch, ...INTROSPECTION } };
}

/**
 * Typed documents (graphql-codegen's client preset) for the operations the examples share
 * (examples/operations.graphql), into src/gql/: `VoidPaymentDocument` and the others, each a
 * TypedDocumentNode that fetch, Apollo Client and urql take as it is. Money, rates and dates are
 * strings on the wire: Decimal never becomes a JavaScript number.
 */
export function typedDocuments(documents: string[] = ["../operations.graphql"]): CodegenConfig {
  return {
    schema: apiSchema(),
    documents,
    ignoreNoDocuments: false,
    generates: {
      "src/gql/": {
        preset: "client",
        config: { scalars: { Decimal: "string", Date: "string", DateTime: "string" }, enumsAsTypes: true, useTypeImports: true },
      },
    },
  };
}
