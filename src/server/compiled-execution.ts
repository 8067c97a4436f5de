import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { execute, GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { COMPILE_BUDGET_FIELDS, compiledFieldCount } from "./compile-budget";
import { fragmentsOf } from "./query-cost";
import { nullForNonNull } from "./null-for-non-null";
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

/** A document seen once: executed by graphql-js, compiled if it comes again. */
const SEEN_ONCE = "seen once";
/** A document over the compile budget: always executed by graphql-js. */
const NOT_COMPILED = "not compiled";

export interface CompiledExecutionOptions {
  /** Operations with more fields than this (fragments spread in full) are never compiled. */
  compileBudget?: number;
  /** Refused variables say no "Did you mean" (production). */
  hideSuggestions?: boolean;
}

/**
 * Executes each operation through a function compiled once per document (graphql-jit) instead
 * of graphql-js walking the document field by field on every request: a 100-payment page
 * resolves some 1,500 fields. Apollo Server still parses, validates and caches documents, and
 * runs every plugin; only execution is replaced, through the one door Apollo Server leaves open
 * for it (its gateway interface, which hands the executor the validated document). A document
 * is compiled the second time it comes: the first time graphql-js executes it, so that a stream
 * of one-off documents costs no compilation each. A document with more fields than the compile
 * budget (src/server/compile-budget.ts) is never compiled: compiling it would block the event
 * loop for longer than executing it does.
 */
export function compiledExecution(schema: GraphQLSchema, options: CompiledExecutionOptions = {}): GatewayInterface & { compilations(): number } {
  const budget = options.compileBudget ?? COMPILE_BUDGET_FIELDS;
  const hideSuggestions = options.hideSuggestions ?? false;
  // Apollo's document store hands the same DocumentNode for the same query text, so compiled
  // operations live as long as their document does.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | typeof SEEN_ONCE | typeof NOT_COMPILED>>();
  let compilations = 0;

  /** The compiled operation, its compilation's refusal, or null the first time the document comes and whenever it is over the budget. */
  function compiledOperation(document: DocumentNode, definition: OperationDefinitionNode, operationName: string | undefined): CompiledQuery | ExecutionResult | null {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map<string, CompiledQuery | typeof SEEN_ONCE | typeof NOT_COMPILED>()));
    const key = operationName ?? "";
    const known = byName.get(key);
    if (known === undefined) {
      byName.set(key, SEEN_ONCE);
      return null;
    }
    if (known === NOT_COMPILED) return null;
    if (known !== SEEN_ONCE) return known;
    if (compiledFieldCount(definition, fragmentsOf(document), budget) > budget) {
      byName.set(key, NOT_COMPILED);
      return null;
    }
    compilations += 1;
    const result = compileQuery(schema, document, operationName);
    if (isCompiledQuery(result)) byName.set(key, result);
    return result;
  }

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, request, operation: definition } = requestContext;
    const operationName = request.operationName ?? undefined;
    const variables = request.variables ?? {};
    // No operation of the document was picked (an unknown name, or several operations and no
    // name): Apollo still calls the executor, with no operation (though the gateway interface
    // types it as always there). graphql-js refuses it in its own words before anything runs,
    // and Apollo answers that refusal 400 OPERATION_RESOLUTION_FAILURE.
    if (!definition) return execute({ schema, document, variableValues: variables, operationName, hideSuggestions });
    // Variables are judged by graphql-js itself first, so that a bad one is refused with the
    // same error (and Apollo's 400 BAD_USER_INPUT) as without compilation, @oneOf included.
    if (definition.variableDefinitions?.length) {
      const coerced = coercedVariables(schema, definition, request.variables, hideSuggestions);
      if (coerced.errors) return { errors: coerced.errors };
      const nulls = nullForNonNull(schema, document, definition, coerced.coerced);
      if (nulls.length) return { errors: nulls };
    }
    const operation = compiledOperation(document, definition, operationName);
    if (operation === null) return execute({ schema, document, contextValue: requestContext.context, variableValues: variables, operationName, hideSuggestions });
    if (!isCompiledQuery(operation)) return { errors: (operation.errors ?? []).map(locatedError) };
    const result = await operation.query(undefined, requestContext.context, variables);
    return result.errors ? { ...result, errors: result.errors.map(locatedError) } : result;
  };

  return {
    /** How many operations were compiled so far. */
    compilations: () => compilations,
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      // The printout is read by schema reporting only (never enabled here): printed when read.
      let sdl: string | undefined;
      callback({
        apiSchema: schema,
        get coreSupergraphSdl() {
          return (sdl ??= printSchema(schema));
        },
      });
      return () => {};
    },
    async stop() {},
  };
}
