import { getVariableValues, type GraphQLSchema, type OperationDefinitionNode } from "graphql";

type Coerced = ReturnType<typeof getVariableValues>;

const judged = new WeakMap<object, { operation: OperationDefinitionNode; coerced: Coerced }>();

/**
 * A request's variables as graphql-js coerces them for its operation (or its refusals), worked
 * out once per request: the cost limit and the execution both need them.
 */
export function coercedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): Coerced {
  if (!variables) return getVariableValues(schema, operation.variableDefinitions ?? [], {}, { maxErrors: 50 });
  const known = judged.get(variables);
  if (known?.operation === operation) return known.coerced;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
  judged.set(variables, { operation, coerced });
  return coerced;
}
