import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { getOperationAST, GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { coercedVariables } from "./request-variables";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

/**
 * An error of the compiled execution as graphql-js would have made it: graphql-jit builds its own
 * kind, without `extensions` when the resolver's error had none, which Apollo Server cannot format.
 * The resolver's own error stays the original error (what `formatError` and the logs look at).
 */
function locatedError(error: GraphQLError): GraphQLError {
  const located = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions ?? undefined });
  (located as { locations?: GraphQLError["locations"] }).locations = error.locations;
  return located;
}

/**
 * Executes each operation through a function compiled once per document (graphql-jit) instead
 * of graphql-js walking the document field by field on every request: a 100-payment page
 * resolves some 1,500 fields. Apollo Server still parses, validates and caches documents, and
 * runs every plugin; only execution is replaced, through the one door Apollo Server leaves open
 * for it (its gateway interface, which hands the executor the validated document).
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  // Apollo's document store hands the same DocumentNode for the same query text, so compiled
  // operations live as long as their document does.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery>>();

  function compiledOperation(document: DocumentNode, operationName: string | undefined): CompiledQuery | ExecutionResult {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? "";
    const known = byName.get(key);
    if (known) return known;
    const result = compileQuery(schema, document, operationName);
    if (isCompiledQuery(result)) byName.set(key, result);
    return result;
  }

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, request } = requestContext;
    const operationName = request.operationName ?? undefined;
    const variables = request.variables ?? {};
    // Variables are judged by graphql-js itself first, so that a bad one is refused with the
    // same error (and Apollo's 400 BAD_USER_INPUT) as without compilation, @oneOf included.
    const definition = getOperationAST(document, operationName);
    if (definition?.variableDefinitions?.length) {
      const coerced = coercedVariables(schema, definition, request.variables);
      if (coerced.errors) return { errors: coerced.errors };
    }
    const operation = compiledOperation(document, operationName);
    if (!isCompiledQuery(operation)) return { errors: (operation.errors ?? []).map(locatedError) };
    const result = await operation.query(undefined, requestContext.context, variables);
    return result.errors ? { ...result, errors: result.errors.map(locatedError) } : result;
  };

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async stop() {},
  };
}
