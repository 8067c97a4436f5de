import { useQuery } from "urql";
import { graphql } from "../gql";
import { Money } from "../shell/format";
import { Link } from "../shell/link";

const OperationTargetQuery = graphql(`
  query ConsoleOperationTarget($number: String!) {
    payment(identifier: { number: $number }) {
      id
      number
      lifeCycleState
      vendorCode
      paymentModel
      amount
      currency { code }
    }
  }
`);

/** The payment a form acts on, named at the top of the form. */
export function OperationTarget({ number }: { number: string }) {
  const [result] = useQuery({ query: OperationTargetQuery, variables: { number }, requestPolicy: "network-only" });
  const payment = result.data?.payment;
  return (
    <p>
      <Link to={`/payments/${encodeURIComponent(number)}`}>← Payment {number}</Link>
      {payment && (
        <span className="target">
          {" "}
          · {payment.lifeCycleState} · {payment.vendorCode} · {payment.paymentModel} · <Money amount={payment.amount} currency={payment.currency.code} />
        </span>
      )}
      {result.data && !payment && <span role="alert"> · no payment {number} within your reach</span>}
    </p>
  );
}
