import type { ConsolePaymentsPageQuery, PaymentOrder } from "../gql/graphql";
import { Day, Money, State } from "../shell/format";
import { Link } from "../shell/link";
import { MODEL_TITLE, titleOf, VENDOR_TITLE } from "../shell/titles";

type Row = ConsolePaymentsPageQuery["payments"]["edges"][number]["node"];

/** A column header that sorts by its key: the API pages by issued date and by amount. */
function SortHeader({ label, sortKey, order, onOrder, className }: { label: string; sortKey: "ISSUED_ON" | "AMOUNT"; order: PaymentOrder; onOrder: (order: PaymentOrder) => void; className?: string }) {
  const current = order.startsWith(sortKey) ? (order.endsWith("DESC") ? "descending" : "ascending") : "none";
  const next: PaymentOrder = current === "descending" ? `${sortKey}_ASC` : `${sortKey}_DESC`;
  return (
    <th scope="col" className={className} aria-sort={current}>
      <button type="button" className="sort" onClick={() => onOrder(next)} title={`Sort by ${label.toLowerCase()}`}>
        {label} {current === "descending" ? "↓" : current === "ascending" ? "↑" : "↕"}
      </button>
    </th>
  );
}

/** The payments of a page: a table on a desk, a card per payment on a phone (the same rows, restyled). */
export function PaymentRows({ rows, order, onOrder }: { rows: Row[]; order: PaymentOrder; onOrder: (order: PaymentOrder) => void }) {
  return (
    <div className="table-scroll" tabIndex={0} aria-label="Payments table">
      <table className="payments">
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Reference</th>
            <th scope="col">State</th>
            <th scope="col">Vendor</th>
            <SortHeader label="Amount" sortKey="AMOUNT" order={order} onOrder={onOrder} className="num" />
            <th scope="col">Model</th>
            <SortHeader label="Issued on" sortKey="ISSUED_ON" order={order} onOrder={onOrder} />
          </tr>
        </thead>
        <tbody>
          {rows.map((node) => (
            <tr key={node.id}>
              <td data-label="Number">
                <Link to={`/payments/${encodeURIComponent(node.number)}`}>{node.number}</Link>
              </td>
              <td data-label="Reference">{node.referenceNumber}</td>
              <td data-label="State">
                <State state={node.lifeCycleState} />
              </td>
              <td data-label="Vendor">{titleOf(VENDOR_TITLE, node.vendorCode)}</td>
              <td data-label="Amount" className="num">
                <Money amount={node.amount} currency={node.currency} />
              </td>
              <td data-label="Model">{titleOf(MODEL_TITLE, node.paymentModel)}</td>
              <td data-label="Issued on">
                <Day value={node.issuedOn} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
