import {
  getArgumentValues,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  parse,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { fragmentsOf, QueryCostError } from "./query-cost";

/** The introspection query every GraphQL tool can send: graphql-js `getIntrospectionQuery` with every option. */
export const STANDARD_INTROSPECTION_QUERY = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});

/** Thrown inside the walk once the count passes its limit: nothing more is looked at. */
class OverLimit extends Error {}
const OVER_LIMIT = new OverLimit("over the limit");
/** The root of the operation, where only `__schema` and `__type` are counted here. */
const ROOT = Symbol("root");

/**
 * What an operation's introspection (`__schema`, `__type`) answers, counted as `operationCost`
 * counts data: every field 1, every object a field returns 1 plus its selection, each alias
 * apart. Introspection answers from the schema alone, so the count is exact: the walk asks
 * graphql-js's own introspection resolvers what each field returns (each selection counted once
 * per schema element). It stops as soon as the count passes `limit` and answers Infinity, so an
 * alias bomb is refused after at most `limit` steps, whatever it would have returned.
 */
export function introspectionCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  limit: number,
): number {
  const known = new Map<SelectionSetNode, Map<unknown, number>>();
  const info = { schema } as GraphQLResolveInfo;

  const selectionCost = (selectionSet: SelectionSetNode, parentType: GraphQLObjectType | undefined, source: unknown): number => {
    let bySource = known.get(selectionSet);
    if (!bySource) known.set(selectionSet, (bySource = new Map<unknown, number>()));
    const cached = bySource.get(source);
    if (cached !== undefined) {
      if (Number.isNaN(cached)) throw new QueryCostError("a fragment spreads itself");
      return cached;
    }
    bySource.set(source, Number.NaN); // in progress: met again only through a fragment cycle
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parentType, source);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) throw new QueryCostError(`unknown fragment ${selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : ""}`);
        total += selectionCost(fragment.selectionSet, parentType, source);
      }
      if (total > limit) throw OVER_LIMIT;
    }
    bySource.set(source, total);
    return total;
  };

  const fieldCost = (node: FieldNode, parentType: GraphQLObjectType | undefined, source: unknown): number => {
    const name = node.name.value;
    // Data fields (and the root's __typename) are charged by operationCost.
    if (source === ROOT && name !== SchemaMetaFieldDef.name && name !== TypeMetaFieldDef.name) return 0;
    const field: GraphQLField<unknown, unknown> | undefined =
      source === ROOT ? (name === SchemaMetaFieldDef.name ? SchemaMetaFieldDef : TypeMetaFieldDef) : parentType?.getFields()[name];
    const type = field && getNamedType(field.type);
    if (!field?.resolve || !node.selectionSet || !isObjectType(type)) return 1;
    const value = field.resolve(source, getArgumentValues(field, node, variables), undefined, info);
    const items: unknown[] = value == null ? [] : isListType(getNullableType(field.type)) ? [...(value as Iterable<unknown>)] : [value];
    let total = 1;
    for (const item of items) {
      total += 1 + selectionCost(node.selectionSet, type, item);
      if (total > limit) throw OVER_LIMIT;
    }
    return total;
  };

  try {
    return selectionCost(operation.selectionSet, undefined, ROOT);
  } catch (thrown) {
    if (thrown === OVER_LIMIT) return Number.POSITIVE_INFINITY;
    throw thrown;
  }
}

const allowances = new WeakMap<GraphQLSchema, number>();

/**
 * The most introspection one operation may return: twice what the standard introspection query
 * returns for this schema (so that GraphiQL, codegen and every other tool's own query passes,
 * whatever MAX_QUERY_COMPLEXITY says for data), or the data limit if that is higher.
 */
export function introspectionAllowance(schema: GraphQLSchema, maxComplexity: number): number {
  let standard = allowances.get(schema);
  if (standard === undefined) {
    const document = parse(STANDARD_INTROSPECTION_QUERY);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    standard = introspectionCost(schema, operation, fragmentsOf(document), {}, Number.MAX_SAFE_INTEGER);
    allowances.set(schema, standard);
  }
  return Math.max(maxComplexity, 2 * standard);
}
