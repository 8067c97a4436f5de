import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { Context } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import { authenticate, type AuthenticationRow, type Principal } from "../../access/access-tokens";
import type { Clock } from "../../access/clock";
import type { TokenCache } from "../../access/token-cache";
import type { AppConfig } from "../../config";
import type { GraphQLContext } from "../../graphql/context";
import { logger } from "../../observability/logger";
import { ACCESS_CHANGES_CHANNEL } from "../../stores/token-store";
import type { PaymentDatabase } from "../../stores/stores";
import { formatError } from "../format-error";
import { authorizationOf, CLOSE, LiveConnection, type CloseReason } from "./live-connection";
import { LiveFeed } from "./live-feed";
import { subscriptionDocumentChecker, type DocumentLimits } from "./subscription-documents";

/** Every open connection's token is checked again this often, so that an expired one closes even when nothing changes. */
const RECHECK_INTERVAL_MS = 60_000;
/** How long a new connection waits for the instance to hear committed changes before it is refused. */
const LISTENING_WAIT_MS = 3_000;

export interface SubscriptionServerOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  db: PaymentDatabase;
  limits: DocumentLimits & Pick<AppConfig, "corsOrigins" | "maxSubscriptionsPerConnection" | "maxConnectionsPerToken">;
  clock?: Clock;
  tokenCache?: TokenCache<AuthenticationRow>;
  /** The GraphQL context of a caller, as a request over HTTP gets it. */
  contextFor(principal: Principal, requestId: string): GraphQLContext;
}

export interface RunningSubscriptionServer {
  /** Connections open now. */
  readonly connectionCount: number;
  /** Subscriptions listening for changes now. */
  readonly subscriptionCount: number;
  /** From now on new connections are refused (503). */
  markStopping(): void;
  /** Closes every connection (1001, going away) and stops hearing changes. */
  stop(): Promise<void>;
}

type ConnectionContext = Context<Record<string, unknown> | undefined, { socket: WebSocket; request: IncomingMessage }>;

/** A WebSocket handshake may come from a page of the API's own origin, of CORS_ORIGINS, or from no page at all (no Origin). */
function originAllowed(request: IncomingMessage, corsOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (corsOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

/** Errors as clients of POST /graphql get them: nothing internal, no HTTP details. */
function formatted(errors: readonly GraphQLError[], requestId: string): GraphQLFormattedError[] {
  return errors.map((error) => {
    const shown = formatError(error.toJSON(), error);
    const { http: _http, ...extensions } = shown.extensions ?? {};
    if (extensions.code !== "INTERNAL_SERVER_ERROR") return { ...shown, extensions };
    logger.error({ err: error.originalError ?? error, requestId }, "unexpected error in a subscription");
    return { ...shown, extensions: { ...extensions, requestId } };
  });
}

/**
 * GraphQL subscriptions over the graphql-ws protocol on /graphql, beside Apollo Server on the same
 * HTTP server. Every change is heard once per instance (LiveFeed) and handed to the subscriptions
 * within the caller's reach; tokens are checked at connection_init, before each subscription and
 * each change, whenever access changes and every minute; connections per token and subscriptions
 * per connection are limited; the documents are checked as POST /graphql checks queries.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): RunningSubscriptionServer {
  const { db, limits } = options;
  const connections = new Map<WebSocket, LiveConnection>();
  const perToken = new Map<string, number>();
  let stopping = false;
  const closeAll = (why: CloseReason) => {
    for (const connection of connections.values()) connection.close(why);
  };
  const recheckAll = () => {
    for (const connection of connections.values()) if (connection.principal) void connection.check();
  };
  const feed = new LiveFeed(db, () => closeAll(CLOSE.SERVICE_UNAVAILABLE));
  feed.start();
  const access = db.changes.watch(ACCESS_CHANGES_CHANNEL, { listening() {}, lost() {}, notified: recheckAll });
  const recheck = setInterval(recheckAll, RECHECK_INTERVAL_MS).unref();
  const authenticateHeader = (header: string | undefined) => authenticate(db.stores, header, options.clock, options.tokenCache);
  const checkDocument = subscriptionDocumentChecker(options.schema, limits);

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? "/", "http://localhost").pathname !== "/graphql") return refuseUpgrade(socket, 404, "Not Found");
    if (stopping) return refuseUpgrade(socket, 503, "Service Unavailable");
    if (!originAllowed(request, limits.corsOrigins)) return refuseUpgrade(socket, 403, "Forbidden");
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
  };
  options.httpServer.on("upgrade", upgrade);
  wss.on("connection", (socket: WebSocket, request: IncomingMessage) => {
    const connection = new LiveConnection(randomUUID(), socket, authenticateHeader);
    connection.header = request.headers.authorization;
    connections.set(socket, connection);
  });
  const connectionOf = (ctx: ConnectionContext) => connections.get(ctx.extra.socket)!;

  const graphqlWs = useServer<Record<string, unknown> | undefined, { socket: WebSocket; request: IncomingMessage }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const connection = connectionOf(ctx);
        connection.header = authorizationOf(ctx.connectionParams) ?? connection.header;
        if (stopping) connection.close(CLOSE.GOING_AWAY);
        else if (!(await feed.listening(LISTENING_WAIT_MS))) connection.close(CLOSE.SERVICE_UNAVAILABLE);
        else if (await connection.check()) {
          const tokenId = connection.principal!.tokenId;
          const held = perToken.get(tokenId) ?? 0;
          if (held >= limits.maxConnectionsPerToken) connection.close(CLOSE.TOO_MANY_CONNECTIONS);
          else {
            perToken.set(tokenId, held + 1);
            connection.countedFor = tokenId;
          }
        }
        return !connection.isClosed;
      },
      onSubscribe: async (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
          return [tooManySubscriptions(limits.maxSubscriptionsPerConnection)];
        }
        if (!(await connectionOf(ctx).check())) return [closedError()];
        return checkDocument(payload);
      },
      context: (ctx, id) => {
        const connection = connectionOf(ctx);
        const requestId = `${connection.id}/${id}`;
        const context = options.contextFor(connection.principal!, requestId);
        const live: GraphQLContext["live"] = {
          changes: (accept) => {
            const stream = feed.stream(
              (change) => connection.reaches(change.resellerId) && accept(change),
              async (change, heardAt) => {
                if (!(await connection.check(heardAt))) {
                  stream.end();
                  return false;
                }
                if (!connection.reaches(change.resellerId)) return false;
                // Each change is resolved with the caller as checked since it was heard, and loaders of the change's own (nothing cached from an earlier change).
                Object.assign(context, connection.contextFor(change, (principal) => options.contextFor(principal, connection.id)), { requestId, live });
                return true;
              },
            );
            return stream;
          },
        };
        context.live = live;
        return context;
      },
      onNext: (ctx, id, _payload, _args, result) => (result.errors ? { ...result, errors: formatted(result.errors, `${connectionOf(ctx).id}/${id}`) } : undefined),
      onError: (ctx, id, _payload, errors) => formatted(errors, `${connectionOf(ctx).id}/${id}`),
      onClose: (ctx) => {
        const connection = connections.get(ctx.extra.socket);
        connections.delete(ctx.extra.socket);
        if (!connection) return;
        connection.ended();
        if (connection.countedFor) {
          const left = (perToken.get(connection.countedFor) ?? 1) - 1;
          if (left > 0) perToken.set(connection.countedFor, left);
          else perToken.delete(connection.countedFor);
        }
      },
    },
    wss,
  );

  return {
    get connectionCount() {
      return connections.size;
    },
    get subscriptionCount() {
      return feed.subscriptionCount;
    },
    markStopping() {
      stopping = true;
    },
    async stop() {
      stopping = true;
      clearInterval(recheck);
      options.httpServer.off("upgrade", upgrade);
      closeAll(CLOSE.GOING_AWAY);
      // A client that does not answer the close handshake is cut after a second.
      const cut = setTimeout(() => {
        for (const socket of wss.clients) socket.terminate();
      }, 1_000).unref();
      await graphqlWs.dispose();
      clearTimeout(cut);
      await feed.stop();
      await access.stop();
    },
  };
}

function tooManySubscriptions(max: number): GraphQLError {
  return new GraphQLError(
    `This connection already holds ${max} subscriptions, the most allowed (MAX_SUBSCRIPTIONS_PER_CONNECTION): complete one first, or open another connection.`,
    { extensions: { code: "TOO_MANY_SUBSCRIPTIONS", maxSubscriptions: max } },
  );
}

function closedError(): GraphQLError {
  return new GraphQLError("The connection is closing.", { extensions: { code: "UNAUTHENTICATED" } });
}

