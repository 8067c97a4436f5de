import { useQuery } from "urql";
import { graphql } from "../gql";
import { useOperationChanges } from "../live/live-changes";
import { OPERATION_LABEL } from "../operations/operation-names";
import { VendorAnswerText } from "../payment/vendor-exchange";
import { useSession } from "../session/session";
import { Moment, State } from "../shell/format";
import { Link } from "../shell/link";
import { titleOf, VENDOR_TITLE } from "../shell/titles";
import { ATTENTION_CHANGES } from "./attention-count";
import { ResolveForm } from "./resolve-form";

const NeedsAttentionQuery = graphql(`
  query ConsoleNeedsAttention {
    operationsNeedingAttention(first: 100) {
      id
      operation
      status
      attempts
      lastError
      createdAt
      actor
      reportedState { state reportedAt reportedBy }
      vendorAnswer { ...VendorAnswerFields }
      payment { id number vendorCode lifeCycleState }
    }
  }
`);

/** Operations no retry can settle, oldest first (or the one the address names); a token with operation:resolve (an admin) settles each from the vendor's records. */
export function NeedsAttention({ only }: { only?: string }) {
  const { may } = useSession();
  const mayResolve = may("OPERATION_RESOLVE");
  const [result, refetch] = useQuery({ query: NeedsAttentionQuery, requestPolicy: "network-only" });
  useOperationChanges(refetch, ATTENTION_CHANGES);
  const all = result.data?.operationsNeedingAttention;
  const operations = only ? all?.filter((record) => record.id === only) : all;
  return (
    <section aria-labelledby="attention-title">
      <h1 id="attention-title">Needs attention</h1>
      {only && (
        <p>
          <Link to="/attention">← Every operation that needs attention</Link>
        </p>
      )}
      {result.error && <p role="alert" className="refusal">{result.error.graphQLErrors[0]?.message ?? result.error.message}</p>}
      {operations?.length === 0 && <p>{only ? "This operation does not need attention (any more): it was settled, or it is not within your reach." : "No operation needs attention."}</p>}
      {!mayResolve && !!operations?.length && (
        <p className="hint" data-testid="resolve-not-permitted">
          Only a token with operation:resolve (an admin) settles these; yours lists them.
        </p>
      )}
      <ul className="attention">
        {operations?.map((record) => (
          <li key={record.id} id={`operation-${record.id}`}>
            <h2>
              {OPERATION_LABEL[record.operation]} of <Link to={`/payments/${encodeURIComponent(record.payment.number)}`}>payment {record.payment.number}</Link> (
              {titleOf(VENDOR_TITLE, record.payment.vendorCode)}, <State state={record.payment.lifeCycleState} />)
            </h2>
            <p>
              {record.vendorAnswer ? (
                <span data-testid="kept-answer">
                  The vendor answered: <VendorAnswerText answer={record.vendorAnswer} />
                </span>
              ) : (
                <>Why: {record.lastError ?? "—"}</>
              )}{" "}
              · attempts: {record.attempts} · since <Moment value={record.createdAt} /> · requested by {record.actor}
            </p>
            {mayResolve && <ResolveForm operationId={record.id} evidence={record} onResolved={() => refetch({ requestPolicy: "network-only" })} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
