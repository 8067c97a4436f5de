import { useState, type FormEvent } from "react";
import { useClient } from "urql";
import { graphql } from "../gql";
import { listAddress, readListView } from "../payments/list-address";
import { navigate } from "./navigation";

const FindPaymentQuery = graphql(`
  query ConsoleFindPayment($search: String!) {
    payments(filter: { search: $search }, first: 2) {
      totalCount
      edges { node { id number } }
    }
  }
`);

/** One box for a number, reference, back office code or vendor payment id: opens the payment it names, or lists the matches. */
export function SearchBox() {
  const client = useClient();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);

  async function find(event: FormEvent) {
    event.preventDefault();
    const search = text.trim();
    if (!search || searching) return;
    setSearching(true);
    const result = await client.query(FindPaymentQuery, { search }, { requestPolicy: "network-only" }).toPromise();
    setSearching(false);
    const found = result.data?.payments;
    if (!found) return setProblem(result.error?.graphQLErrors[0]?.message ?? result.error?.message ?? "No answer: try again.");
    setProblem(null);
    if (found.totalCount === 1) return navigate(`/payments/${encodeURIComponent(found.edges[0].node.number)}`);
    const view = readListView(new URLSearchParams());
    navigate(listAddress({ ...view, filter: { ...view.filter, search } }));
  }

  return (
    <form role="search" className="search" onSubmit={(event) => void find(event)} aria-label="Find a payment">
      <label htmlFor="find-payment" className="visually-hidden">
        Find a payment
      </label>
      <input
        id="find-payment"
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="Number, reference, back office code or vendor id"
        aria-describedby={problem ? "find-payment-problem" : undefined}
        autoComplete="off"
      />
      <button type="submit" disabled={searching}>
        Find
      </button>
      {problem && (
        <span id="find-payment-problem" role="alert" className="problem">
          {problem}
        </span>
      )}
    </form>
  );
}
