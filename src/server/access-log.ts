import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import { logger, type AppLogger } from "../observability/logger";
import { requestIdOf } from "./request-id";
import { operationLabel } from "./request-metrics";

/**
 * One access line per request, written when its answer is sent (or the connection closes): the
 * request id, method and path (never the query string: a GET query carries its variables there),
 * the GraphQL operation's name and type and the root field it asks for, the status, the duration,
 * and the prefix of the token it came with. Never the document, the variables or a secret.
 * Health checks are logged at debug level: probes every few seconds would drown the rest.
 */
interface AccessRecord {
  started: bigint;
  tokenPrefix?: string;
  operationName?: string;
  operationType?: string;
  rootField?: string;
}

const RECORDS = new WeakMap<ServerResponse, AccessRecord>();
/** The record a GraphQL context carries, for the plugin (which sees the context, not the response); Apollo copies the context, and this with it. */
const RECORD = Symbol("access record");

/** Only a token's public prefix is ever logged (`pay_` and 8 characters), as `npm run token -- list` shows it. */
const TOKEN_PREFIX = /^Bearer (pay_[a-z0-9]{8})_/i;

/** A client-chosen name, kept short and printable. */
function nameOf(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  return value.slice(0, 100).replace(/[^\x20-\x7e]/g, "?");
}

/** The path of a request's URL, without its query string. */
function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0];
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/** Starts the record of a request; its line is written when the response closes. */
export function startAccessLog(req: IncomingMessage, res: ServerResponse, log: AppLogger = logger): void {
  const record: AccessRecord = { started: process.hrtime.bigint() };
  const authorization = req.headers.authorization;
  if (typeof authorization === "string") record.tokenPrefix = TOKEN_PREFIX.exec(authorization)?.[1]?.toLowerCase();
  RECORDS.set(res, record);
  res.once("close", () => {
    const path = pathOf(req.url);
    const body = (req as { body?: { operationName?: unknown } }).body;
    const line = {
      requestId: requestIdOf(res),
      method: req.method,
      path,
      status: res.statusCode,
      ms: Number((process.hrtime.bigint() - record.started) / 10_000n) / 100,
      operationName: record.operationName ?? nameOf(body && typeof body === "object" ? body.operationName : undefined),
      operationType: record.operationType,
      operation: record.rootField,
      tokenPrefix: record.tokenPrefix,
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    if (path.startsWith("/health/")) log.debug(line, "request");
    else log.info(line, "request");
  });
}

/** Ties a GraphQL request's context to its response, so that the plugin below can note the operation. */
export function noteGraphqlContext(context: object, res: ServerResponse): void {
  const record = RECORDS.get(res);
  if (record) Object.defineProperty(context, RECORD, { value: record, enumerable: true });
}

/** Notes each GraphQL request's operation name, type and root field on its access line. */
export function accessLogPlugin(schema: GraphQLSchema): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ contextValue, request }) {
      const record = (contextValue as { [RECORD]?: AccessRecord })[RECORD];
      if (!record) return;
      record.operationName = nameOf(request.operationName);
      return {
        async didResolveOperation({ operation, operationName }) {
          record.operationName = nameOf(operationName) ?? record.operationName;
          record.operationType = operation?.operation;
          record.rootField = operationLabel(schema, operation);
        },
      };
    },
  };
}
