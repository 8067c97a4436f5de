import { GraphQLError, OperationTypeNode, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from "graphql";
import type { AppConfig } from "../../config";
import { depthLimitRule, operationCostRefusal } from "../query-limits";

export type DocumentLimits = Pick<AppConfig, "maxQueryDepth" | "maxQueryComplexity" | "maxQueryTokens" | "production">;

/** What a graphql-ws `subscribe` message carries. */
export interface SubscribePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: { ...error.extensions, code } });
}

/** Valid documents kept, parsed, by their text: clients open the same few subscriptions many times. */
const KEPT_DOCUMENTS = 100;
/** Longer documents are parsed and validated each time. */
const KEPT_DOCUMENT_LENGTH = 10_000;

/** The document of `query`, parsed and validated (size in tokens, the rules, the depth limit), or the errors that refuse it. */
function validDocument(schema: GraphQLSchema, limits: DocumentLimits, query: string, kept: Map<string, DocumentNode>): DocumentNode | GraphQLError[] {
  const known = kept.get(query);
  if (known) return known;
  const document = parseAndValidate(schema, limits, query);
  if (Array.isArray(document) || query.length > KEPT_DOCUMENT_LENGTH) return document;
  if (kept.size >= KEPT_DOCUMENTS) kept.delete(kept.keys().next().value!);
  kept.set(query, document);
  return document;
}

function parseAndValidate(schema: GraphQLSchema, limits: DocumentLimits, query: string): DocumentNode | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxQueryTokens });
  } catch (error) {
    if (error instanceof GraphQLError) return [withCode(error, "GRAPHQL_PARSE_FAILED")];
    throw error;
  }
  const invalid = validate(schema, document, [...specifiedRules, depthLimitRule(limits.maxQueryDepth)], { hideSuggestions: limits.production });
  if (invalid.length > 0) return invalid.map((error) => withCode(error, "GRAPHQL_VALIDATION_FAILED"));
  return document;
}

/**
 * A subscription's document, checked as POST /graphql checks a query (size in tokens, validation
 * with the depth limit, cost) before anything runs; only subscriptions: queries and mutations
 * are sent over HTTP. The execution arguments, or the errors that refuse it. The checker keeps
 * the valid documents it has seen (parsing and validation do not depend on the variables).
 */
export function subscriptionDocumentChecker(schema: GraphQLSchema, limits: DocumentLimits): (payload: SubscribePayload) => Omit<ExecutionArgs, "contextValue"> | GraphQLError[] {
  const kept = new Map<string, DocumentNode>();
  return (payload) => checkSubscriptionDocument(schema, limits, payload, kept);
}

function checkSubscriptionDocument(schema: GraphQLSchema, limits: DocumentLimits, payload: SubscribePayload, kept: Map<string, DocumentNode>): Omit<ExecutionArgs, "contextValue"> | GraphQLError[] {
  const document = validDocument(schema, limits, payload.query, kept);
  if (Array.isArray(document)) return document;
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (!operation) {
    return [new GraphQLError("Name the operation to run (operationName): the document has several, or none by that name.", { extensions: { code: "OPERATION_RESOLUTION_FAILURE" } })];
  }
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
    return [
      new GraphQLError(`Send ${operation.operation === OperationTypeNode.QUERY ? "queries" : "mutations"} over HTTP (POST /graphql); this connection carries subscriptions only.`, {
        extensions: { code: "BAD_REQUEST" },
      }),
    ];
  }
  const variables = payload.variables ?? undefined;
  const refusal = operationCostRefusal(schema, document, operation, variables, limits.maxQueryComplexity, limits.production);
  if (refusal) return [refusal];
  return { schema, document, operationName: payload.operationName ?? undefined, variableValues: variables };
}
