import type { ApolloServerPlugin } from "@apollo/server";
import { coercedVariables } from "./request-variables";
import {
  GraphQLError,
  Kind,
  parse,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";
import { costReadsVariables, fragmentsOf, INTROSPECTION_ROOT_FIELDS, operationCost } from "./query-cost";
import { introspectionAllowance, introspectionCost, STANDARD_INTROSPECTION_QUERY } from "./introspection-cost";

/**
 * Depths of an operation's root fields, every field counted (`__typename` and introspection
 * fields included). Each fragment is measured once, so the time is linear in the document's size
 * whatever its spreads; a fragment that spreads itself counts as empty (validation refuses it).
 */
function rootFieldDepths(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Array<{ field: FieldNode; depth: number }> {
  const fragmentDepths = new Map<string, number>();
  const depthOf = (selectionSet: SelectionSetNode | undefined): number => {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet));
      } else {
        const name = selection.name.value;
        let depth = fragmentDepths.get(name);
        if (depth === undefined) {
          fragmentDepths.set(name, 0); // a cycle ends here
          depth = depthOf(fragments.get(name)?.selectionSet);
          fragmentDepths.set(name, depth);
        }
        deepest = Math.max(deepest, depth);
      }
    }
    return deepest;
  };

  const roots: FieldNode[] = [];
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) roots.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        collect(fragments.get(selection.name.value)?.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return roots.map((field) => ({ field, depth: 1 + depthOf(field.selectionSet) }));
}

function deepestOf(document: DocumentNode): number {
  const fragments = fragmentsOf(document);
  return Math.max(
    ...document.definitions
      .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
      .flatMap((operation) => rootFieldDepths(operation, fragments).map((root) => root.depth)),
  );
}

/**
 * The depth of the standard introspection query (graphql-js `getIntrospectionQuery` with every
 * option), which GraphiQL, codegen and the other GraphQL tools send: `__schema` and `__type` may
 * go this deep even when the limit for data is lower.
 */
export const INTROSPECTION_QUERY_DEPTH = deepestOf(parse(STANDARD_INTROSPECTION_QUERY));

/** Refuses operations nested deeper than `maxDepth` fields (introspection: `INTROSPECTION_QUERY_DEPTH`), before they run. */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument());
    return {
      OperationDefinition(node) {
        let worst: { depth: number; limit: number } | undefined;
        for (const { field, depth } of rootFieldDepths(node, fragments)) {
          const limit = INTROSPECTION_ROOT_FIELDS.has(field.name.value) ? Math.max(maxDepth, INTROSPECTION_QUERY_DEPTH) : maxDepth;
          if (depth > limit && (!worst || depth - limit > worst.depth - worst.limit)) worst = { depth, limit };
        }
        if (worst) {
          context.reportError(
            new GraphQLError(`The query is ${worst.depth} levels deep; at most ${worst.limit} are allowed. Ask for less nested fields.`, {
              nodes: [node],
              extensions: { code: "QUERY_TOO_COMPLEX", depth: worst.depth, maxDepth: worst.limit },
            }),
          );
        }
      },
    };
  };
}

function tooComplex(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "QUERY_TOO_COMPLEX", ...extensions, http: { status: 400 } } });
}

/** What an operation costs: its data (`operationCost`) and its introspection (`introspectionCost`), each against its own limit. */
interface OperationCosts {
  data: number;
  introspection: number;
}

/** What an operation costs with these variables; undefined when they do not fit their types. */
function costsOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  maxComplexity: number,
  hideSuggestions: boolean | undefined,
): OperationCosts | undefined {
  const coerced = coercedVariables(schema, operation, variables, hideSuggestions);
  if (coerced.errors) return undefined;
  try {
    const fragments = fragmentsOf(document);
    return {
      data: operationCost(schema, operation, fragments, coerced.coerced),
      introspection: introspectionCost(schema, operation, fragments, coerced.coerced, introspectionAllowance(schema, maxComplexity)),
    };
  } catch {
    throw tooComplex("The cost of the query could not be estimated. Ask for fewer items or fields.", { maxComplexity });
  }
}

/** The refusal of an operation that costs too much; undefined when it fits. */
function costRefusal(costs: OperationCosts, maxComplexity: number, maxIntrospection: number): GraphQLError | undefined {
  if (!(costs.data <= maxComplexity)) {
    const shown = Number.isSafeInteger(costs.data) ? costs.data : Number.MAX_SAFE_INTEGER;
    return tooComplex(
      `The query costs ${Number.isSafeInteger(costs.data) ? costs.data : `more than ${shown}`}; at most ${maxComplexity} is allowed. Ask for fewer items (first, last) or fields, or fewer aliases.`,
      { complexity: shown, maxComplexity },
    );
  }
  if (!(costs.introspection <= maxIntrospection)) {
    return tooComplex(
      `The query's introspection returns more than ${maxIntrospection} fields; at most ${maxIntrospection} are allowed. Ask for each introspection field once: fewer aliases.`,
      { maxIntrospectionComplexity: maxIntrospection },
    );
  }
  return undefined;
}

/**
 * The cost refusal of one operation (a subscription's, which no Apollo plugin sees), as
 * complexityLimitPlugin would refuse it; undefined when it fits or its variables do not (execution
 * refuses those).
 */
export function operationCostRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  maxComplexity: number,
  hideSuggestions?: boolean,
): GraphQLError | undefined {
  try {
    const costs = costsOf(schema, document, operation, variables, maxComplexity, hideSuggestions);
    return costs && costRefusal(costs, maxComplexity, introspectionAllowance(schema, maxComplexity));
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
}

/**
 * Refuses operations whose cost (see `operationCost`) is above `maxComplexity`, or whose
 * introspection returns more than `introspectionAllowance`, before they run. An operation whose
 * cost cannot be computed is refused too. With `hideSuggestions`, refused variables get no
 * "Did you mean" (production).
 */
export function complexityLimitPlugin(maxComplexity: number, options: { hideSuggestions?: boolean } = {}): ApolloServerPlugin {
  // Costs that no variable's value can change (see costReadsVariables), by Apollo's cached operation.
  const fixedCosts = new WeakMap<OperationDefinitionNode, OperationCosts>();
  const costReadsVariablesOf = new WeakMap<DocumentNode, boolean>();
  const readsVariables = (document: DocumentNode): boolean => {
    let reads = costReadsVariablesOf.get(document);
    if (reads === undefined) costReadsVariablesOf.set(document, (reads = costReadsVariables(document)));
    return reads;
  };
  return {
    // What the standard introspection query returns is measured once, before the first request.
    async serverWillStart({ schema }) {
      introspectionAllowance(schema, maxComplexity);
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return;
          const allowance = introspectionAllowance(schema, maxComplexity);
          let costs = fixedCosts.get(operation);
          if (costs === undefined) {
            costs = costsOf(schema, document, operation, request.variables, maxComplexity, options.hideSuggestions);
            // Variables that do not fit their types: execution refuses them with BAD_USER_INPUT before any resolver runs.
            if (costs === undefined) return;
            // A cost no variable changes is the document's own: Apollo hands the same cached document
            // again. With variables it is kept only when it fits, so that a later request's unfit
            // variables are still refused as such (BAD_USER_INPUT, above), not as too costly.
            const fits = costRefusal(costs, maxComplexity, allowance) === undefined;
            if (!operation.variableDefinitions?.length || (fits && !readsVariables(document))) fixedCosts.set(operation, costs);
          }
          const refusal = costRefusal(costs, maxComplexity, allowance);
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/**
 * graphql-js's own refusals of oversized documents, said with what to change: too many tokens
 * (`MAX_QUERY_TOKENS`), or too many repeated fields for validation's budget. Others: undefined.
 */
export function rewordLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  const code = formatted.extensions?.code;
  const tokens = code === "GRAPHQL_PARSE_FAILED" ? /Document contains more tha[nt] (\d+) tokens/.exec(formatted.message) : null;
  if (tokens) {
    return {
      message: `The query has more than ${tokens[1]} tokens; at most ${tokens[1]} are allowed. Send a smaller document: fewer fields, aliases or fragments.`,
      extensions: { code, maxTokens: Number(tokens[1]) },
    };
  }
  if (code === "GRAPHQL_VALIDATION_FAILED" && formatted.message === "Validation aborted.") {
    return {
      message: "The query is too large to check: it repeats fields or fragments too often. Ask for each field once.",
      extensions: { code },
    };
  }
  return undefined;
}
