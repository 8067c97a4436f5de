import type { ConsolePaymentDetailQuery } from "../gql/graphql";
import type { CurrencyLook } from "../shell/money";
import { Moment, Money } from "../shell/format";
import { Facts } from "./facts";

type Cancellation = NonNullable<NonNullable<ConsolePaymentDetailQuery["payment"]>["cancellation"]>;

const UDF_FIELDS = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `udfString${n}`),
  ...[1, 2, 3, 4].map((n) => `udfFloat${n}`),
  ...[1, 2, 3, 4].map((n) => `udfDate${n}`),
] as Array<`udf${"String" | "Float" | "Date"}${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8}` & keyof Cancellation>;

/** The ledger record a cancel created, every field of it, the user defined ones included. */
export function CancellationRecord({ cancellation, currency }: { cancellation: Cancellation; currency: CurrencyLook }) {
  const vendorPeriod = cancellation.vendorCurrencyRatePeriod;
  return (
    <section aria-labelledby="cancellation-title" data-testid="cancellation">
      <h2 id="cancellation-title">Cancellation</h2>
      <Facts
        rows={[
          ["Number", cancellation.number ?? (cancellation.vendorRecordKnown ? null : "unknown (the vendor's answer was lost)")],
          ["Reference", cancellation.referenceNumber],
          ["State", cancellation.lifeCycleState],
          ["Amount", <Money amount={cancellation.amount} currency={currency} />],
          ["Type", cancellation.type.name],
          ["Category", cancellation.category?.name],
          ["Notes", cancellation.notes],
          ["Back office code", cancellation.backOfficeCode],
          ["Issue reason", cancellation.issueReason],
          ["Issued on", <Moment value={cancellation.issuedOn} />],
          ["Posted on", <Moment value={cancellation.postedOn} />],
          ["Gateway", cancellation.gatewayName],
          ["Gateway reference", cancellation.gatewayReferenceNumber],
          ["Vendor's id", cancellation.vendorId],
          ["Vendor's amount", cancellation.vendorAmount],
          ["Vendor's record known", cancellation.vendorRecordKnown ? "yes" : "no"],
          ["Rate period", cancellation.currencyRatePeriod ? `${cancellation.currencyRatePeriod.rate} (${cancellation.currencyRatePeriod.fromDate} to ${cancellation.currencyRatePeriod.toDate ?? "open-ended"})` : null],
          ["Vendor's rate period", vendorPeriod ? `${vendorPeriod.currencyCode ?? ""} ${vendorPeriod.rate ?? ""} (${vendorPeriod.fromDate ?? "?"} to ${vendorPeriod.toDate ?? "open-ended"})` : null],
          ...UDF_FIELDS.filter((field) => cancellation[field] !== null && cancellation[field] !== undefined).map(
            (field): [string, string] => [field.replace(/^udf(String|Float|Date)(\d)$/, "User field $1 $2"), String(cancellation[field])],
          ),
        ]}
      />
    </section>
  );
}
