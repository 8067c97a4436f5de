import { Client, fetchExchange, mapExchange, type CombinedError } from "@urql/core";
import { liveExchange } from "../live/live-changes";

/** Why the API refused the token: its top-level error code, or the reason its subscription socket was closed with. */
export type SignedOutReason = "UNAUTHENTICATED" | "SESSION_EXPIRED" | "FORBIDDEN";

export function signedOutReason(error: CombinedError | undefined): SignedOutReason | null {
  for (const graphQLError of error?.graphQLErrors ?? []) {
    const code = graphQLError.extensions?.code;
    if (code === "UNAUTHENTICATED" || code === "SESSION_EXPIRED") return code;
  }
  return null;
}

/** A client for the API on this origin, sending the token (subscriptions over its WebSocket); a refused token signs the tab out. */
export function createApiClient(token: string, onSignedOut: (reason: SignedOutReason) => void): Client {
  return new Client({
    url: new URL("/graphql", window.location.origin).toString(),
    requestPolicy: "cache-and-network",
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    exchanges: [
      mapExchange({
        onError(error) {
          const reason = signedOutReason(error);
          if (reason) onSignedOut(reason);
        },
      }),
      liveExchange(token, onSignedOut),
      fetchExchange,
    ],
  });
}
