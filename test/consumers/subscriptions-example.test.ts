import { startExample, typecheckExample } from "../support/examples";
import { useTestApi } from "../support/test-api";

const api = useTestApi();

describe("examples/subscriptions: graphql-ws against a live API", () => {
  it("`npm start` hears a void start and succeed as it commits, and shows a bad token's close code", async () => {
    const lines = await startExample("subscriptions", api);
    expect(lines).toEqual([
      "void of 1002 answered VoidPaymentSuccess",
      "heard STARTED: VOID of payment 1002",
      "heard SUCCEEDED: VOID of payment 1002 is SUCCEEDED, payment CANCELLED",
      "a bad token is closed: 4401 UNAUTHENTICATED: the token is missing, unknown, revoked or expired",
    ]);
    await typecheckExample("subscriptions");
  }, 120_000);
});
