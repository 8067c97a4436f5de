import { getVariableValues, type GraphQLSchema, type OperationDefinitionNode } from "graphql";

type Coerced = ReturnType<typeof getVariableValues>;

const judged = new WeakMap<object, { operation: OperationDefinitionNode; coerced: Coerced }>();

/**
 * A request's variables as graphql-js coerces them for its operation (or its refusals), worked
 * out once per request: the cost limit and the execution both need them. With `hideSuggestions`
 * (production) a refusal says no "Did you mean".
 */
export function coercedVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  hideSuggestions = false,
): Coerced {
  // A request without variables is told apart by its operation (Apollo's cached document).
  const key = variables ?? operation;
  const known = judged.get(key);
  if (known?.operation === operation) return known.coerced;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 50, hideSuggestions });
  judged.set(key, { operation, coerced });
  return coerced;
}
