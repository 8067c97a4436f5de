import type { ConsolePaymentDetailQuery } from "../gql/graphql";
import { Moment } from "../shell/format";

type PaymentEvent = NonNullable<ConsolePaymentDetailQuery["payment"]>["events"][number];

/** The payment's history, oldest first: who, when, from → to, and what the vendor answered. */
export function EventTimeline({ events }: { events: PaymentEvent[] }) {
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">History</h2>
      {events.length === 0 ? (
        <p>No events yet.</p>
      ) : (
        <ol className="timeline" data-testid="events">
          {events.map((event) => (
            <li key={event.id}>
              <Moment value={event.occurredAt} /> <strong>{event.type}</strong> by {event.actor}
              {(event.fromState || event.toState) && (
                <span className="transition">
                  {" "}
                  {event.fromState ?? "—"} → {event.toState ?? "—"}
                </span>
              )}
              {event.vendorOutcome && <span className="vendor-outcome"> · vendor: {event.vendorOutcome}</span>}
              {event.detail && <div className="detail">{event.detail}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
