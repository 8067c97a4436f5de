import { useQuery } from "urql";
import { graphql } from "../gql";
import { useSession } from "../session/session";
import { Moment } from "../shell/format";
import { Link } from "../shell/link";
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
      payment { id number vendorCode lifeCycleState }
    }
  }
`);

/** Operations no retry can settle, oldest first; a token with operation:resolve (an admin) settles each from the vendor's records. */
export function NeedsAttention() {
  const { may } = useSession();
  const mayResolve = may("OPERATION_RESOLVE");
  const [result, refetch] = useQuery({ query: NeedsAttentionQuery, requestPolicy: "network-only" });
  const operations = result.data?.operationsNeedingAttention;
  return (
    <section aria-labelledby="attention-title">
      <h1 id="attention-title">Needs attention</h1>
      {result.error && <p role="alert" className="refusal">{result.error.graphQLErrors[0]?.message ?? result.error.message}</p>}
      {operations?.length === 0 && <p>No operation needs attention.</p>}
      {!mayResolve && !!operations?.length && (
        <p className="hint" data-testid="resolve-not-permitted">
          Only a token with operation:resolve (an admin) settles these; yours lists them.
        </p>
      )}
      <ul className="attention">
        {operations?.map((record) => (
          <li key={record.id}>
            <h2>
              {record.operation} of <Link to={`/payments/${encodeURIComponent(record.payment.number)}`}>payment {record.payment.number}</Link> ({record.payment.vendorCode},{" "}
              {record.payment.lifeCycleState})
            </h2>
            <p>
              Why: {record.lastError ?? "—"} · attempts: {record.attempts} · started <Moment value={record.createdAt} /> by {record.actor}
            </p>
            {mayResolve && <ResolveForm operationId={record.id} operation={record.operation} onResolved={() => refetch({ requestPolicy: "network-only" })} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
