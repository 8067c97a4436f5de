import { subscriptionExchange, type AnyVariables, type Exchange, type OperationContext, type TypedDocumentNode } from "@urql/core";
import { createClient } from "graphql-ws";
import { useEffect, useRef } from "react";
import { useClient } from "urql";
import { graphql } from "../gql";
import type { OperationChangeKind, PaymentFilter } from "../gql/graphql";
import type { SignedOutReason } from "../session/graphql-client";

/**
 * How the console stays current: the API's subscriptions (paymentChanged, operationChanged) over
 * graphql-ws on /graphql. A view names the changes it shows; when one arrives, the view asks its
 * query again from the network, so what is shown is swapped in and no form is touched. After a
 * lost connection comes back, every view asks again (changes may have been missed meanwhile).
 */

/** A close that says the token no longer reads payments: 4401 (its reason starts with the code) or 4403. */
function refusedToken(event: unknown): SignedOutReason | null {
  const { code, reason } = (event ?? {}) as { code?: number; reason?: string };
  if (code === 4403) return "FORBIDDEN";
  if (code !== 4401) return null;
  return reason?.startsWith("SESSION_EXPIRED") ? "SESSION_EXPIRED" : "UNAUTHENTICATED";
}

/** Told when the socket is connected again after a loss. */
const reconnected = new EventTarget();

/** urql's subscription exchange over one graphql-ws connection of this origin, with the token in connection_init. */
export function liveExchange(token: string, onRefused: (reason: SignedOutReason) => void): Exchange {
  const socket = createClient({
    url: new URL("/graphql", window.location.origin.replace(/^http/, "ws")).toString(),
    connectionParams: () => ({ authorization: `Bearer ${token}` }),
    // Moving between views closes one subscription and opens another: keep the socket meanwhile.
    lazyCloseTimeout: 2000,
    retryAttempts: Infinity,
    shouldRetry: (event) => refusedToken(event) === null,
    on: {
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry) reconnected.dispatchEvent(new Event("connected"));
      },
      closed: (event) => {
        const reason = refusedToken(event);
        if (reason) onRefused(reason);
      },
    },
  });
  return subscriptionExchange({
    forwardSubscription: (request) => ({
      subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query ?? "" }, sink) }),
    }),
  });
}

const PaymentChangedSubscription = graphql(`
  subscription ConsolePaymentChanged($filter: PaymentFilter) {
    paymentChanged(filter: $filter) { event { id } }
  }
`);

const OperationChangedSubscription = graphql(`
  subscription ConsoleOperationChanged($changes: [OperationChangeKind!]) {
    operationChanged(changes: $changes) { change }
  }
`);

type Refetch = (context?: Partial<OperationContext>) => void;

function useChanges<V extends AnyVariables>(refetch: Refetch, subscription: TypedDocumentNode<unknown, V>, variables: V): void {
  const client = useClient();
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  }, [refetch]);
  const heard = JSON.stringify(variables);
  useEffect(() => {
    const again = () => latest.current({ requestPolicy: "network-only" });
    const changes = client.subscription(subscription, JSON.parse(heard) as V).subscribe((result) => {
      if (result.data) again();
    });
    reconnected.addEventListener("connected", again);
    return () => {
      changes.unsubscribe();
      reconnected.removeEventListener("connected", again);
    };
  }, [client, subscription, heard]);
}

/**
 * Asks again when a payment the filter names changes. The filter's states are left out: a
 * payment that enters or leaves them changes what is shown.
 */
export function usePaymentChanges(refetch: Refetch, filter: PaymentFilter): void {
  useChanges(refetch, PaymentChangedSubscription, { filter: { ...filter, states: undefined } });
}

/** Asks again when an operation has one of these changes. */
export function useOperationChanges(refetch: Refetch, changes: OperationChangeKind[]): void {
  useChanges(refetch, OperationChangedSubscription, { changes });
}
