import type { ApolloServerPlugin } from "@apollo/server";
import { coercedVariables } from "./request-variables";
import {
  getIntrospectionQuery,
  GraphQLError,
  Kind,
  parse,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";
import { INTROSPECTION_ROOT_FIELDS, operationCost } from "./query-cost";

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
}

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
export const INTROSPECTION_QUERY_DEPTH = deepestOf(
  parse(
    getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    }),
  ),
);

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

/**
 * Refuses operations whose cost (see `operationCost`) is above `maxComplexity`, before they run.
 * An operation whose cost cannot be computed is refused too.
 */
export function complexityLimitPlugin(maxComplexity: number): ApolloServerPlugin {
  const costOfVariableFree = new WeakMap<OperationDefinitionNode, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return;
          const variableFree = !operation.variableDefinitions?.length;
          let complexity = variableFree ? costOfVariableFree.get(operation) : undefined;
          if (complexity === undefined) {
            const coerced = coercedVariables(schema, operation, request.variables);
            // Variables that do not fit their types: execution refuses them with BAD_USER_INPUT before any resolver runs.
            if (coerced.errors) return;
            try {
              complexity = operationCost(schema, operation, fragmentsOf(document), coerced.coerced);
            } catch {
              throw tooComplex("The cost of the query could not be estimated. Ask for fewer items or fields.", { maxComplexity });
            }
            // Without variables the cost is the document's own: Apollo hands the same cached document again.
            if (variableFree) costOfVariableFree.set(operation, complexity);
          }
          if (!(complexity <= maxComplexity)) {
            const shown = Number.isSafeInteger(complexity) ? complexity : Number.MAX_SAFE_INTEGER;
            throw tooComplex(
              `The query costs ${Number.isSafeInteger(complexity) ? complexity : `more than ${shown}`}; at most ${maxComplexity} is allowed. Ask for fewer items (first, last) or fields, or fewer aliases.`,
              { complexity: shown, maxComplexity },
            );
          }
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
