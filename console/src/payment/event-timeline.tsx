import type { ConsolePaymentDetailQuery } from "../gql/graphql";
import { Moment } from "../shell/format";
import { STATE_TITLE, titleOf } from "../shell/titles";
import { Exchange } from "./vendor-exchange";

type Payment = NonNullable<ConsolePaymentDetailQuery["payment"]>;
type PaymentEvent = Payment["events"][number];
type Operation = Payment["operations"][number];

const EVENT_TITLE: Record<string, string> = {
  OPERATION_STARTED: "Operation requested",
  STATE_CHANGED: "State changed",
  OPERATION_REFUSED: "Refused",
  VENDOR_OUTCOME_UNKNOWN: "No usable answer from the vendor",
  OPERATION_NEEDS_ATTENTION: "Needs attention",
  OPERATION_RESOLVED: "Resolved by an operator",
  RECORDED: "Recorded",
  STATE_REPORTED: "State reported",
};

/** The payment's history, oldest first: who, when, from → to, the request sent to the vendor and what it answered. */
export function EventTimeline({ events, operations }: { events: PaymentEvent[]; operations: Operation[] }) {
  const byId = new Map(operations.map((operation) => [operation.id, operation]));
  const answered = new Set<string>();
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">History</h2>
      {events.length === 0 ? (
        <p>No events yet.</p>
      ) : (
        <ol className="timeline" data-testid="events">
          {events.map((event) => {
            const operation = event.operationId ? byId.get(event.operationId) : undefined;
            const showAnswer = !!operation?.vendorAnswer && (event.vendorOutcome === "SUCCEEDED" || event.vendorOutcome === "REFUSED") && !answered.has(operation.id);
            if (showAnswer) answered.add(operation.id);
            return (
              <li key={event.id} data-type={event.type}>
                <Moment value={event.occurredAt} /> <strong title={event.type}>{EVENT_TITLE[event.type] ?? event.type}</strong> by {event.actor}
                {(event.fromState || event.toState) && (
                  <span className="transition" title={`${event.fromState ?? "—"} → ${event.toState ?? "—"}`}>
                    {" "}
                    {titleOf(STATE_TITLE, event.fromState)} → {titleOf(STATE_TITLE, event.toState)}
                  </span>
                )}
                {event.vendorOutcome && <span className="vendor-outcome"> · vendor: {event.vendorOutcome.toLowerCase()}</span>}
                {event.detail && <div className="detail">{event.detail}</div>}
                {event.type === "OPERATION_STARTED" && operation?.vendorRequest && <Exchange summary="Request sent to the vendor" json={operation.vendorRequest} />}
                {showAnswer && <Exchange summary="The vendor's answer" json={JSON.stringify(operation.vendorAnswer, (key, value: unknown) => (key === "__typename" ? undefined : value))} />}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
