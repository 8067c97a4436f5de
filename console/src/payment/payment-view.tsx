import { useQuery } from "urql";
import { graphql } from "../gql";
import { OPERATION_PERMISSION, useSession } from "../session/session";
import { Day, Moment, Money, State } from "../shell/format";
import { usePaymentChanges } from "../live/live-changes";
import { MODEL_TITLE, titleOf, VENDOR_TITLE } from "../shell/titles";
import { HeldOperation } from "./held-operation";
import { Link } from "../shell/link";
import { CancellationRecord } from "./cancellation-record";
import { EventTimeline } from "./event-timeline";
import { Facts } from "./facts";
import { OPERATION_LABEL, OUTCOME_NOTICE } from "../operations/operation-names";

const PaymentDetailQuery = graphql(`
  query ConsolePaymentDetail($number: String!) {
    payment(identifier: { number: $number }) {
      id
      number
      referenceNumber
      backOfficeCode
      lifeCycleState
      vendorCode
      vendorPaymentId
      amount
      paymentModel
      issuedOn
      postedOn
      closedAt
      createdAt
      updatedAt
      gatewayName
      gatewayReferenceNumber
      reseller { code name }
      rejectionReason { name alternativeCode }
      currency { code prefixSymbol suffixSymbol lifeCycleState minorUnitDigits }
      currencyRatePeriod { id rate inverseRate fromDate toDate }
      availableOperations
      pendingOperation {
        id operation status attempts lastError nextAttemptAt createdAt actor
        reportedState { state reportedAt reportedBy }
        vendorAnswer { ...VendorAnswerFields }
      }
      operations { id operation status vendorRequest vendorAnswer { ...VendorAnswerFields } }
      cancellation {
        id number referenceNumber lifeCycleState amount backOfficeCode notes issueReason issuedOn postedOn
        gatewayName gatewayReferenceNumber vendorId vendorAmount vendorRecordKnown
        type { name alternativeCode }
        category { name code }
        currencyRatePeriod { rate inverseRate fromDate toDate }
        vendorCurrencyRatePeriod { currencyCode rate inverseRate fromDate toDate }
        udfString1 udfString2 udfString3 udfString4 udfString5 udfString6 udfString7 udfString8
        udfFloat1 udfFloat2 udfFloat3 udfFloat4
        udfDate1 udfDate2 udfDate3 udfDate4
      }
      events(last: 100) { id type occurredAt actor fromState toState vendorOutcome detail operationId }
    }
  }
`);

/** Everything about one payment, the operations it offers now, and its history. */
export function PaymentView({ number, outcome }: { number: string; outcome: string | null }) {
  const { may } = useSession();
  const [result, refetch] = useQuery({ query: PaymentDetailQuery, variables: { number }, requestPolicy: "network-only" });
  usePaymentChanges(refetch, { search: number });
  if (result.fetching && !result.data) return <p className="loading">Loading payment {number}…</p>;
  if (result.error) return <p role="alert" className="refusal">{result.error.graphQLErrors[0]?.message ?? result.error.message}</p>;
  const payment = result.data?.payment;
  if (!payment) return <p role="alert">No payment {number} within your reach.</p>;
  const operations = payment.availableOperations.filter((operation) => may(OPERATION_PERMISSION[operation]));
  const mayOperate = Object.values(OPERATION_PERMISSION).some(may);
  const pending = payment.pendingOperation;

  return (
    <article aria-labelledby="payment-title">
      <p>
        <Link to="/payments">← Payments</Link>
      </p>
      <h1 id="payment-title">
        Payment {payment.number} <State state={payment.lifeCycleState} />
      </h1>
      {outcome && OUTCOME_NOTICE[outcome] && (
        <p role="status" className="success">
          {OUTCOME_NOTICE[outcome]}
        </p>
      )}
      {pending && <HeldOperation pending={pending} mayReview={may("OPERATION_REVIEW")} />}
      <div className="actions" aria-label="Operations">
        {operations.map((operation) => (
          <Link key={operation} className="button" to={`/payments/${encodeURIComponent(payment.number)}/${operation.toLowerCase()}`}>
            {OPERATION_LABEL[operation]}…
          </Link>
        ))}
        {mayOperate && operations.length === 0 && !pending && <p className="hint">No operation is possible in this state.</p>}
      </div>
      <section aria-labelledby="payment-facts">
        <h2 id="payment-facts">Details</h2>
        <Facts
          rows={[
            ["Number", payment.number],
            ["Reference", payment.referenceNumber],
            ["Back office code", payment.backOfficeCode],
            ["State", <State state={payment.lifeCycleState} />],
            ["Amount", <Money amount={payment.amount} currency={payment.currency} />],
            ["Payment model", titleOf(MODEL_TITLE, payment.paymentModel)],
            ["Vendor", titleOf(VENDOR_TITLE, payment.vendorCode)],
            ["Vendor's payment id", payment.vendorPaymentId],
            ["Reseller", `${payment.reseller.name} (${payment.reseller.code})`],
            ["Issued on", <Day value={payment.issuedOn} />],
            ["Posted on", <Moment value={payment.postedOn} />],
            ["Closed at", <Moment value={payment.closedAt} />],
            ["Gateway", payment.gatewayName],
            ["Gateway reference", payment.gatewayReferenceNumber],
            ["Rejection reason", payment.rejectionReason?.name],
            ["Created", <Moment value={payment.createdAt} />],
            ["Updated", <Moment value={payment.updatedAt} />],
          ]}
        />
      </section>
      <section aria-labelledby="payment-currency">
        <h2 id="payment-currency">Currency and rate period</h2>
        <Facts
          rows={[
            ["Currency", `${payment.currency.code} (${payment.currency.lifeCycleState}, ${payment.currency.minorUnitDigits} minor digits)`],
            ["Symbols", [payment.currency.prefixSymbol, payment.currency.suffixSymbol].filter(Boolean).join(" ") || null],
            ["Rate", payment.currencyRatePeriod?.rate],
            ["Inverse rate", payment.currencyRatePeriod?.inverseRate],
            ["Rate period", payment.currencyRatePeriod ? `${payment.currencyRatePeriod.fromDate} to ${payment.currencyRatePeriod.toDate ?? "open-ended"}` : null],
          ]}
        />
      </section>
      {payment.cancellation && <CancellationRecord cancellation={payment.cancellation} currency={payment.currency} />}
      <EventTimeline events={payment.events} operations={payment.operations} />
    </article>
  );
}
