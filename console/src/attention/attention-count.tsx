import { useQuery } from "urql";
import { graphql } from "../gql";
import type { OperationChangeKind } from "../gql/graphql";
import { useOperationChanges } from "../live/live-changes";

const AttentionCountQuery = graphql(`
  query ConsoleAttentionCount {
    operationsNeedingAttention(first: 100) { id }
  }
`);

/** What brings an operation into the list, and what takes it out. */
export const ATTENTION_CHANGES: OperationChangeKind[] = ["NEEDS_ATTENTION", "RESOLVED"];

/** How many operations need attention, beside the view's name; kept current. */
export function AttentionCount() {
  const [result, refetch] = useQuery({ query: AttentionCountQuery, requestPolicy: "cache-and-network" });
  useOperationChanges(refetch, ATTENTION_CHANGES);
  const count = result.data?.operationsNeedingAttention.length;
  if (count === undefined) return null;
  return (
    <span className={count > 0 ? "count count-alert" : "count"} data-testid="attention-count" aria-label={`${count >= 100 ? "100 or more" : count} waiting`}>
      {count >= 100 ? "100+" : count}
    </span>
  );
}
