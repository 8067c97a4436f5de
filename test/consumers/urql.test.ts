import type { IncomingMessage } from "node:http";
import { startExample, typecheckExample } from "../support/examples";
import { useTestApi } from "../support/test-api";

const api = useTestApi();

describe("examples/urql: urql with its defaults", () => {
  it("`npm start` sends its query as a GET and its mutations as POSTs, and reads a PostpaidPaymentError and a void", async () => {
    const requests: string[] = [];
    const record = (req: IncomingMessage) => requests.push(`${req.method} ${req.url?.split("?")[0]}`);
    // First in line, before Express rewrites req.url for its mounted routes.
    api.server.httpServer.prependListener("request", record);
    let lines: string[];
    try {
      lines = await startExample("urql", api);
    } finally {
      api.server.httpServer.off("request", record);
    }
    expect(lines).toEqual([
      "payment 1019: WAITING_FOR_PAYMENT POSTPAID, operations: none",
      "cancel refused, PostpaidPaymentError (POSTPAID_PAYMENT, do not retry): Only payments for prepaid payment model can be cancelled.",
      "void succeeded: payment 1002 is CANCELLED",
    ]);
    expect(requests).toEqual(["GET /graphql", "POST /graphql", "POST /graphql"]);
    await typecheckExample("urql");
  }, 120_000);
});
