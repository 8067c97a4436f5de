import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";

/** A list field costs its items times their selection: `first` when given, else this many. */
const ASSUMED_LIST_SIZE = 10;

/** Refuses operations nested deeper than `maxDepth` fields, before they run. */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>(
      context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const depthOf = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!selectionSet) return 0;
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (!selection.name.value.startsWith("__")) deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        } else if (!seen.has(selection.name.value)) {
          const fragment = fragments.get(selection.name.value);
          deepest = Math.max(deepest, depthOf(fragment?.selectionSet, new Set([...seen, selection.name.value])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`The query is ${depth} levels deep; at most ${maxDepth} are allowed.`, {
              nodes: [node],
              extensions: { code: "QUERY_TOO_COMPLEX", depth, maxDepth },
            }),
          );
        }
      },
    };
  };
}

const listEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const isList = field.type.toString().includes("[");
  if (!isList && !("first" in args)) return undefined;
  const size = typeof args.first === "number" ? Math.max(args.first, 1) : ASSUMED_LIST_SIZE;
  return 1 + size * Math.max(childComplexity, 1);
};

/** Refuses operations whose estimated cost (fields, times list sizes) is above `maxComplexity`. */
export function complexityLimitPlugin(maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName,
              variables: request.variables,
              estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not fit their types: execution refuses them with BAD_USER_INPUT before any resolver runs.
            return;
          }
          if (complexity > maxComplexity) {
            throw new GraphQLError(`The query costs ${complexity}; at most ${maxComplexity} is allowed. Ask for fewer items or fields.`, {
              extensions: { code: "QUERY_TOO_COMPLEX", complexity, maxComplexity, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
