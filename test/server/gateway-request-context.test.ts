import { ApolloServer, HeaderMap } from "@apollo/server";
import type { GatewayGraphQLRequestContext, GatewayInterface } from "@apollo/server-gateway-interface";
import { buildSchema, execute, printSchema } from "graphql";

/**
 * Apollo Server hands a gateway's executor (src/server/compiled-execution.ts) a request context
 * of its own making. As published, its `response.http` is an object literal with a getter and a
 * setter: V8 gives each such object a hidden class of its own, which keeps every request's
 * context alive through young-generation collections until a full one (measured: a quarter of
 * each request's memory promoted, 10–20 ms pauses). patches/@apollo+server+*.patch puts the
 * accessors on a class; `npm ci` applies it (postinstall: patch-package).
 */
describe("the request context Apollo Server gives the executor", () => {
  it("reads and writes the response's status and headers through accessors of a class, not of each object", async () => {
    const schema = buildSchema("type Query { hello: String }");
    const seen: Array<{ own: PropertyDescriptor | undefined; inherited: PropertyDescriptor | undefined; statusBefore: number | undefined }> = [];
    const gateway: GatewayInterface = {
      async load() {
        return {
          executor: async (requestContext: GatewayGraphQLRequestContext) => {
            const http = requestContext.response!.http!;
            seen.push({
              own: Object.getOwnPropertyDescriptor(http, "status"),
              inherited: Object.getOwnPropertyDescriptor(Object.getPrototypeOf(http), "status"),
              statusBefore: http.status,
            });
            http.status = 207;
            http.headers.set("x-executed", "yes");
            return execute({ schema, document: requestContext.document, rootValue: { hello: "world" } });
          },
        };
      },
      onSchemaLoadOrUpdate(callback) {
        callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
        return () => {};
      },
      async stop() {},
    };
    const apollo = new ApolloServer({ gateway });
    await apollo.start();
    try {
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: "POST", headers: new HeaderMap([["content-type", "application/json"]]), search: "", body: { query: "{ hello }" } },
        context: async () => ({}),
      });
      expect(seen).toHaveLength(1);
      expect(seen[0].own).toBeUndefined();
      expect(typeof seen[0].inherited?.get).toBe("function");
      expect(typeof seen[0].inherited?.set).toBe("function");
      expect(seen[0].statusBefore).toBeUndefined();
      expect(response.status).toBe(207);
      expect(response.headers.get("x-executed")).toBe("yes");
      expect(response.body.kind === "complete" && JSON.parse(response.body.string)).toEqual({ data: { hello: "world" } });
    } finally {
      await apollo.stop();
    }
  });
});
