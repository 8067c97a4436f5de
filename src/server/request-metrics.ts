import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, OperationTypeNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { OTHER_OPERATION, type Metrics } from "../observability/metrics";

/**
 * The `operation` label of a request: the first root field it asks for, when that field is one
 * of the schema's (`payments`, `voidPayment`…), otherwise "other". A client-chosen operation
 * name is never a label: the set of values stays as small as the schema.
 */
export function operationLabel(schema: GraphQLSchema, operation: OperationDefinitionNode | undefined): string {
  if (!operation) return OTHER_OPERATION;
  const rootType = operation.operation === OperationTypeNode.MUTATION ? schema.getMutationType() : operation.operation === OperationTypeNode.QUERY ? schema.getQueryType() : null;
  const first = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
  if (!rootType || !first || first.kind !== Kind.FIELD) return OTHER_OPERATION;
  const name = first.name.value;
  if (name === "__typename" || name === "__schema" || name === "__type") return `introspection`;
  return rootType.getFields()[name] ? name : OTHER_OPERATION;
}

/** Counts and times GraphQL requests with bounded labels. */
export function requestMetricsPlugin(schema: GraphQLSchema, metrics: Metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stopTimer = metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse({ operation, errors }) {
          const label = operationLabel(schema, operation ?? undefined);
          stopTimer({ operation: label });
          metrics.graphqlRequests.inc({ operation: label, outcome: errors?.length ? "error" : "ok" });
        },
      };
    },
  };
}
