import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { PAYMENTS_PAGE_DEFAULT } from "../domain/page-limits";

/** Items assumed for a list field that has no `first`/`last` argument and is not a connection's `edges`. */
export const ASSUMED_LIST_SIZE = 10;

/** Root fields that answer schema introspection: charged apart, by what they return (src/server/introspection-cost.ts). */
export const INTROSPECTION_ROOT_FIELDS = new Set(["__schema", "__type"]);

export class QueryCostError extends Error {}

/** A document's fragments by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
}

/** The arguments whose value `operationCost` reads: a list's or a connection's size. */
const SIZE_ARGUMENTS = new Set(["first", "last"]);

/**
 * Whether what an operation costs can change with its variables' values: a variable given to a
 * size argument (`first`, `last`) anywhere in the document, or introspection (`__schema`,
 * `__type`), whose cost reads every argument. Otherwise the cost is the document's own, the same
 * for every request that sends it (the lookup by number, with its `$number`, is one).
 */
export function costReadsVariables(document: DocumentNode): boolean {
  let reads = false;
  visit(document, {
    Field(node) {
      if (INTROSPECTION_ROOT_FIELDS.has(node.name.value)) reads = true;
    },
    Argument(node) {
      if (!SIZE_ARGUMENTS.has(node.name.value)) return false;
      visit(node.value, {
        Variable() {
          reads = true;
        },
      });
      return false;
    },
  });
  return reads;
}

/**
 * The most a list field can return: its `first` or `last` argument (given, or its default), else
 * the page size of the connection it belongs to, else ASSUMED_LIST_SIZE.
 */
function listSize(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>, pageSize: number | undefined): number {
  for (const name of SIZE_ARGUMENTS) {
    const size = sizeArgument(field, node, name, variables);
    if (size !== undefined) return size;
  }
  return pageSize ?? ASSUMED_LIST_SIZE;
}

/** The value of a size argument (`first`, `last`) as the resolver will see it; undefined when the field has none. */
function sizeArgument(field: GraphQLField<unknown, unknown>, node: FieldNode, name: string, variables: Record<string, unknown>): number | undefined {
  const definition = field.args.find((arg) => arg.name === name);
  if (!definition) return undefined;
  const given = node.arguments?.find((arg) => arg.name.value === name);
  const value = given ? valueFromASTUntyped(given.value, variables) : definition.defaultValue;
  const fallback = typeof definition.defaultValue === "number" ? definition.defaultValue : PAYMENTS_PAGE_DEFAULT;
  if (value === undefined || value === null) return fallback;
  // A value that is not a whole number is refused when the operation runs; charge the largest one meanwhile.
  if (typeof value !== "number" || !Number.isFinite(value)) return Number.MAX_SAFE_INTEGER;
  return Math.max(0, Math.floor(value));
}

/**
 * What an operation can return, in one pass over the document (each fragment costed once):
 * every field costs 1; every object a field can return costs 1 plus its selection, times the
 * items a list can hold (`first`/`last`, the page size for a connection's `edges`, else
 * ASSUMED_LIST_SIZE). Aliases are separate fields. Introspection root fields cost nothing here
 * (`introspectionCost` counts them).
 * Inline fragments of a union or interface are all charged (an upper bound).
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const fragmentCosts = new Map<string, number>();
  const inProgress = new Set<string>();

  const selectionCost = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined, pageSize: number | undefined): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parentType, pageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? undefined : parentType;
        total += selectionCost(selection.selectionSet, type, pageSize);
      } else {
        const name = selection.name.value;
        const key = `${name}|${pageSize ?? ""}`;
        let cost = fragmentCosts.get(key);
        if (cost === undefined) {
          const fragment = fragments.get(name);
          if (!fragment) throw new QueryCostError(`unknown fragment ${name}`);
          if (inProgress.has(key)) throw new QueryCostError(`fragment ${name} spreads itself`);
          inProgress.add(key);
          cost = selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, pageSize);
          inProgress.delete(key);
          fragmentCosts.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parentType: GraphQLNamedType | undefined, pageSize: number | undefined): number => {
    const name = node.name.value;
    if (INTROSPECTION_ROOT_FIELDS.has(name)) return 0;
    const field = parentType && (isObjectType(parentType) || isInterfaceType(parentType)) ? parentType.getFields()[name] : undefined;
    if (!field || !node.selectionSet) return 1;
    const type = getNamedType(field.type);
    if (isLeafType(type)) return 1;
    const isList = isListType(getNullableType(field.type));
    const items = isList ? listSize(field, node, variables, pageSize) : 1;
    // A connection (a single object with `first`) passes its page size to its `edges` list.
    const childPageSize = isList ? undefined : sizeArgument(field, node, "first", variables);
    return 1 + items * (1 + selectionCost(node.selectionSet, type, childPageSize));
  };

  const rootType = schema.getRootType(operation.operation) ?? undefined;
  return selectionCost(operation.selectionSet, rootType, undefined);
}
