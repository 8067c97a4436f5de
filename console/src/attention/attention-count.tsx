import { useQuery } from "urql";
import { graphql } from "../gql";
import { useLiveRefresh } from "../live/live-refresh";

const AttentionCountQuery = graphql(`
  query ConsoleAttentionCount {
    operationsNeedingAttention(first: 100) { id }
  }
`);

/** How many operations need attention, beside the view's name; kept current. */
export function AttentionCount() {
  const [result, refetch] = useQuery({ query: AttentionCountQuery, requestPolicy: "cache-and-network" });
  useLiveRefresh(refetch);
  const count = result.data?.operationsNeedingAttention.length;
  if (count === undefined) return null;
  return (
    <span className={count > 0 ? "count count-alert" : "count"} data-testid="attention-count" aria-label={`${count >= 100 ? "100 or more" : count} waiting`}>
      {count >= 100 ? "100+" : count}
    </span>
  );
}
