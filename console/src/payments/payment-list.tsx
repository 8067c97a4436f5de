import { useQuery } from "urql";
import { graphql } from "../gql";
import { usePaymentChanges } from "../live/live-changes";
import { navigate } from "../shell/navigation";
import { CsvExport } from "./csv-export";
import { listAddress, paymentFilter, readListView, type ListView } from "./list-address";
import { PaymentFilters } from "./payment-filters";
import { PaymentRows } from "./payment-rows";

const PaymentsPageQuery = graphql(`
  query ConsolePaymentsPage($filter: PaymentFilter, $first: Int, $after: String, $orderBy: PaymentOrder) {
    payments(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
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
            prefixSymbol
            suffixSymbol
            minorUnitDigits
          }
          paymentModel
          issuedOn
        }
      }
    }
  }
`);

/** Payments, filtered, ordered and paged as the address says; kept current while it is open. */
export function PaymentList({ query }: { query: URLSearchParams }) {
  const view = readListView(query);
  const filter = paymentFilter(view.filter);
  const [result, refetch] = useQuery({
    query: PaymentsPageQuery,
    variables: { filter, first: view.pageSize, after: view.cursors.at(-1) ?? null, orderBy: view.order },
  });
  usePaymentChanges(refetch, filter);
  const page = result.data?.payments;
  const go = (next: ListView) => navigate(listAddress(next));
  const firstRow = view.cursors.length * view.pageSize + 1;

  return (
    <section aria-labelledby="payments-title">
      <h1 id="payments-title">Payments</h1>
      {view.filter.search && (
        <p className="hint" data-testid="search-summary">
          Matching “{view.filter.search}” by number, reference, back office code or vendor payment id.
        </p>
      )}
      <PaymentFilters key={query.toString()} view={view} onApply={(fields, pageSize, order) => go({ filter: fields, pageSize, order, cursors: [] })} />
      {result.error && (
        <p role="alert" className="refusal">
          {result.error.graphQLErrors[0]?.message ?? result.error.message}
        </p>
      )}
      {page && (
        <>
          <div className="list-head">
            <p aria-live="polite" data-testid="page-summary">
              {page.totalCount === 0
                ? "No payment matches."
                : `Rows ${firstRow}–${firstRow + page.edges.length - 1} of ${page.totalCount} payments`}
            </p>
            {page.totalCount > 0 && <CsvExport filter={filter} order={view.order} />}
          </div>
          <PaymentRows rows={page.edges.map((edge) => edge.node)} order={view.order} onOrder={(order) => go({ ...view, order, cursors: [] })} />
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
