import { useQuery } from "urql";
import { graphql } from "../gql";
import { Link } from "../shell/link";
import { navigate } from "../shell/navigation";
import { Money, Day } from "../shell/format";
import { listAddress, paymentFilter, readListView, type ListView } from "./list-address";
import { PaymentFilters } from "./payment-filters";

const PaymentsPageQuery = graphql(`
  query ConsolePaymentsPage($filter: PaymentFilter, $first: Int, $after: String) {
    payments(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          referenceNumber
          lifeCycleState
          vendorCode
          amount
          currency {
            code
          }
          paymentModel
          issuedOn
        }
      }
    }
  }
`);

/** Payments, newest issued first, filtered and paged as the address says. */
export function PaymentList({ query }: { query: URLSearchParams }) {
  const view = readListView(query);
  const [result] = useQuery({
    query: PaymentsPageQuery,
    variables: { filter: paymentFilter(view.filter), first: view.pageSize, after: view.cursors.at(-1) ?? null },
  });
  const page = result.data?.payments;
  const go = (next: ListView) => navigate(listAddress(next));
  const firstRow = view.cursors.length * view.pageSize + 1;

  return (
    <section aria-labelledby="payments-title">
      <h1 id="payments-title">Payments</h1>
      <PaymentFilters view={view} onApply={(filter, pageSize) => go({ filter, pageSize, cursors: [] })} />
      {result.error && (
        <p role="alert" className="refusal">
          {result.error.graphQLErrors[0]?.message ?? result.error.message}
        </p>
      )}
      {page && (
        <>
          <p aria-live="polite" data-testid="page-summary">
            {page.totalCount === 0
              ? "No payment matches."
              : `Rows ${firstRow}–${firstRow + page.edges.length - 1} of ${page.totalCount} payments`}
          </p>
          <div className="table-scroll" tabIndex={0} aria-label="Payments table">
            <table>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Reference</th>
                  <th scope="col">State</th>
                  <th scope="col">Vendor</th>
                  <th scope="col" className="num">Amount</th>
                  <th scope="col">Model</th>
                  <th scope="col">Issued on</th>
                </tr>
              </thead>
              <tbody>
                {page.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>
                      <Link to={`/payments/${encodeURIComponent(node.number)}`}>{node.number}</Link>
                    </td>
                    <td>{node.referenceNumber}</td>
                    <td>
                      <span className={`state state-${node.lifeCycleState}`}>{node.lifeCycleState}</span>
                    </td>
                    <td>{node.vendorCode}</td>
                    <td className="num">
                      <Money amount={node.amount} currency={node.currency.code} />
                    </td>
                    <td>{node.paymentModel}</td>
                    <td>
                      <Day value={node.issuedOn} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Pages">
            <button type="button" disabled={view.cursors.length === 0} onClick={() => go({ ...view, cursors: view.cursors.slice(0, -1) })}>
              ← Previous
            </button>
            <span>Page {view.cursors.length + 1}</span>
            <button
              type="button"
              disabled={!page.pageInfo.hasNextPage || !page.pageInfo.endCursor}
              onClick={() => go({ ...view, cursors: [...view.cursors, page.pageInfo.endCursor!] })}
            >
              Next →
            </button>
          </nav>
        </>
      )}
      {result.fetching && !page && <p className="loading">Loading payments…</p>}
    </section>
  );
}
