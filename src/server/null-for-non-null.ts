import {
  GraphQLError,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableNode,
} from "graphql";

/** A variable declared nullable that feeds a place where null is not allowed (an argument with a default, say). */
interface NonNullUse {
  variable: string;
  node: VariableNode;
  message: string;
}

const usesOf = new WeakMap<OperationDefinitionNode, NonNullUse[]>();

/** graphql-js's words for an argument; for an input field or a list item, where the variable is. */
function describePlace(parent: ASTNode | readonly ASTNode[] | undefined, variable: string, type: string): string {
  if (parent && "kind" in parent && parent.kind === Kind.ARGUMENT) return `Argument "${parent.name.value}" of non-null type "${type}" must not be null.`;
  return `Variable "$${variable}" must not be null where "${type}" is required.`;
}

/** The fragments an operation spreads, directly or through other fragments. */
function fragmentsReached(document: DocumentNode, operation: OperationDefinitionNode): FragmentDefinitionNode[] {
  const byName = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) byName.set(definition.name.value, definition);
  const reached = new Map<string, FragmentDefinitionNode>();
  const walk = (node: ASTNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = byName.get(spread.name.value);
        if (!fragment || reached.has(spread.name.value)) return;
        reached.set(spread.name.value, fragment);
        walk(fragment);
      },
    });
  walk(operation.selectionSet);
  return [...reached.values()];
}

/** Worked out once per operation of a cached document: where its nullable variables meet a non-null type. */
function nonNullUses(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): NonNullUse[] {
  let uses = usesOf.get(operation);
  if (uses) return uses;
  const nullable = new Set(operation.variableDefinitions?.filter((d) => d.type.kind !== Kind.NON_NULL_TYPE).map((d) => d.variable.name.value));
  const found: NonNullUse[] = [];
  if (nullable.size > 0) {
    const typeInfo = new TypeInfo(schema);
    const reading = { kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsReached(document, operation)] } as DocumentNode;
    visit(
      reading,
      visitWithTypeInfo(typeInfo, {
        VariableDefinition: () => false,
        Variable(node, _key, parent) {
          const expected = typeInfo.getInputType();
          if (!nullable.has(node.name.value) || !isNonNullType(expected)) return;
          found.push({ variable: node.name.value, node, message: describePlace(parent, node.name.value, String(expected)) });
        },
      }),
    );
  }
  usesOf.set(operation, (uses = found));
  return uses;
}

/**
 * A nullable variable given `null` where the schema allows no null (an argument or input field of
 * a non-null type that has a default, so that validation let the variable in): the request is
 * refused before anything runs, as a bad input (400 BAD_USER_INPUT) and in graphql-js's words,
 * instead of failing inside the field that reads it.
 */
export function nullForNonNull(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): GraphQLError[] {
  return nonNullUses(schema, document, operation)
    .filter((use) => variables[use.variable] === null)
    .map((use) => new GraphQLError(use.message, { nodes: use.node, extensions: { code: "BAD_USER_INPUT" } }));
}
