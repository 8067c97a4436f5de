import type { ConsolePaymentDetailQuery } from "../gql/graphql";
import { Moment } from "../shell/format";
import { Link } from "../shell/link";
import { STATE_TITLE, titleOf } from "../shell/titles";
import { OPERATION_LABEL } from "../operations/operation-names";
import { VendorAnswerText } from "./vendor-exchange";

type Pending = NonNullable<NonNullable<ConsolePaymentDetailQuery["payment"]>["pendingOperation"]>;

/** The operation holding the payment: in progress (recovery finishes it) or needing an operator (it says what happened and where to settle it). */
export function HeldOperation({ pending, mayReview }: { pending: Pending; mayReview: boolean }) {
  const attention = pending.status === "NEEDS_ATTENTION";
  return (
    <section className="pending" aria-label={attention ? "Operation needing attention" : "Operation in progress"} role="status" data-testid="held-operation">
      <h2>
        {OPERATION_LABEL[pending.operation]} {attention ? "needs attention" : "in progress"}
      </h2>
      <p>
        Attempts so far: {pending.attempts}, since <Moment value={pending.createdAt} /> (requested by {pending.actor}).{" "}
        {pending.status === "IN_PROGRESS" && pending.nextAttemptAt ? (
          <>
            Next attempt at <Moment value={pending.nextAttemptAt} />.
          </>
        ) : null}
      </p>
      {pending.vendorAnswer ? (
        <p data-testid="kept-answer">
          The vendor answered: <VendorAnswerText answer={pending.vendorAnswer} />
        </p>
      ) : (
        pending.lastError && <p data-testid="last-error">Last problem: {pending.lastError}.</p>
      )}
      {pending.reportedState && (
        <p>
          The vendor reported the payment {titleOf(STATE_TITLE, pending.reportedState.state)} at <Moment value={pending.reportedState.reportedAt} /> ({pending.reportedState.reportedBy}).
        </p>
      )}
      {attention ? (
        <p>
          No retry settles it: an operator checks the vendor&apos;s records and settles it.{" "}
          {mayReview && <Link to={`/attention/${pending.id}`}>Resolve this {pending.operation.toLowerCase()}</Link>}
        </p>
      ) : (
        <p className="hint">The API completes it in the background; this page follows its progress.</p>
      )}
    </section>
  );
}
