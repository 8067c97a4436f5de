import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TypedDocumentNode } from "@apollo/client";
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { exampleDir, startExample, typecheckExample } from "../support/examples";
import { useTestApi } from "../support/test-api";

const api = useTestApi();

describe("examples/apollo-client: Apollo Client with the API's possibleTypes", () => {
  let lines: string[];
  beforeAll(async () => {
    lines = await startExample("apollo-client", api);
  }, 120_000);

  it("`npm start` reads code, message and retryable of a PostpaidPaymentError, then a cancellation", () => {
    expect(lines).toEqual([
      "payment 1019: WAITING_FOR_PAYMENT POSTPAID at ACTIVEPLATFORM, operations: none",
      "refused, PostpaidPaymentError (POSTPAID_PAYMENT, do not retry): Only payments for prepaid payment model can be cancelled.",
      "payment 1017: WAITING_FOR_PAYMENT PREPAID at ACTIVEPLATFORM, operations: CANCEL",
      expect.stringMatching(/^cancelled: payment 1017 is CANCELLED, cancellation \S+ of 50$/),
    ]);
  });

  it("type-checks against its generated documents", async () => {
    await typecheckExample("apollo-client");
  }, 120_000);

  it("needs possibleTypes: a default InMemoryCache drops the fields of `... on Error`, possible-types.json keeps them", async () => {
    // Loaded once generated (beforeAll); typed here so that the API's typecheck does not need the generated files.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a generated file, absent until beforeAll
    const { CancelPaymentDocument } = require(join(exampleDir("apollo-client"), "src", "gql", "graphql")) as { CancelPaymentDocument: TypedDocumentNode<{ cancelPayment: unknown }, object> };
    const { possibleTypes } = JSON.parse(readFileSync(join(__dirname, "..", "..", "possible-types.json"), "utf8")) as { possibleTypes: Record<string, string[]> };
    const cancel1019 = async (cache: InMemoryCache) => {
      const client = new ApolloClient({ link: new HttpLink({ uri: api.url, headers: { authorization: `Bearer ${api.token}` } }), cache });
      const { data } = await client.mutate({ mutation: CancelPaymentDocument, variables: { input: { payment: { number: "1019" }, type: { name: "Payment Cancellation" } } } });
      return data?.cancelPayment;
    };
    expect(await cancel1019(new InMemoryCache())).toEqual({ __typename: "PostpaidPaymentError" });
    expect(await cancel1019(new InMemoryCache({ possibleTypes }))).toEqual({
      __typename: "PostpaidPaymentError",
      code: "POSTPAID_PAYMENT",
      message: "Only payments for prepaid payment model can be cancelled.",
      retryable: false,
    });
  });
});
