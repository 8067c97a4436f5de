import { useState } from "react";
import { useClient, type OperationResult } from "urql";
import { graphql } from "../gql";
import type { ConsolePaymentsCsvPageQuery, PaymentFilter, PaymentOrder } from "../gql/graphql";

const PaymentsCsvPageQuery = graphql(`
  query ConsolePaymentsCsvPage($filter: PaymentFilter, $after: String, $orderBy: PaymentOrder) {
    payments(filter: $filter, first: 100, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          number referenceNumber backOfficeCode lifeCycleState vendorCode vendorPaymentId amount paymentModel issuedOn
          currency { code }
          reseller { code }
        }
      }
    }
  }
`);

const COLUMNS = ["number", "referenceNumber", "backOfficeCode", "state", "vendor", "vendorPaymentId", "amount", "currency", "paymentModel", "reseller", "issuedOn"];

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ cannot start a formula. */
function field(value: string | null | undefined): string {
  const text = value ?? "";
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every payment the filter matches, in the list's order, as CSV: asked page by page, each page added to the file as it arrives. Amounts stay the API's decimal text. */
export function CsvExport({ filter, order }: { filter: PaymentFilter; order: PaymentOrder }) {
  const client = useClient();
  const [progress, setProgress] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  async function run() {
    setRunning(true);
    const parts: string[] = [`${COLUMNS.join(",")}\r\n`];
    let after: string | null = null;
    let rows = 0;
    try {
      for (;;) {
        const result: OperationResult<ConsolePaymentsCsvPageQuery> = await client.query(PaymentsCsvPageQuery, { filter, after, orderBy: order }, { requestPolicy: "network-only" }).toPromise();
        const page = result.data?.payments;
        if (!page) throw new Error(result.error?.graphQLErrors[0]?.message ?? result.error?.message ?? "no answer");
        parts.push(
          page.edges
            .map(({ node }) =>
              [node.number, node.referenceNumber, node.backOfficeCode, node.lifeCycleState, node.vendorCode, node.vendorPaymentId, node.amount, node.currency.code, node.paymentModel, node.reseller.code, node.issuedOn]
                .map(field)
                .join(",") + "\r\n",
            )
            .join(""),
        );
        rows += page.edges.length;
        setProgress(`Exporting… ${rows} of ${page.totalCount} rows`);
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        after = page.pageInfo.endCursor;
      }
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob(parts, { type: "text/csv;charset=utf-8" }));
      link.download = "payments.csv";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      setProgress(`Exported ${rows} ${rows === 1 ? "row" : "rows"} to payments.csv`);
    } catch (error) {
      setProgress(`The export stopped after ${rows} rows: ${(error as Error).message}`);
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="export">
      <button type="button" className="secondary" disabled={running} onClick={() => void run()}>
        Export CSV
      </button>
      {progress && (
        <span role="status" data-testid="export-status">
          {progress}
        </span>
      )}
    </div>
  );
}
