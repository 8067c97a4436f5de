import { useQuery } from "urql";
import { graphql } from "../gql";
import type { ConsoleOperationTargetQuery } from "../gql/graphql";
import { Money, State } from "../shell/format";
import { Link } from "../shell/link";
import { MODEL_TITLE, titleOf, VENDOR_TITLE } from "../shell/titles";

const OperationTargetQuery = graphql(`
  query ConsoleOperationTarget($number: String!) {
    payment(identifier: { number: $number }) {
      id
      number
      lifeCycleState
      vendorCode
      paymentModel
      amount
      currency { code prefixSymbol suffixSymbol minorUnitDigits }
      availableOperations
      pendingOperation { id operation status }
    }
  }
`);

export type OperationTargetPayment = NonNullable<ConsoleOperationTargetQuery["payment"]>;

/** The payment a form acts on, as the API has it now (asked once, when the form opens). */
export function useOperationTarget(number: string) {
  const [result] = useQuery({ query: OperationTargetQuery, variables: { number }, requestPolicy: "network-only" });
  return result;
}

/** The payment a form acts on, named at the top of the form. */
export function OperationTarget({ number, payment }: { number: string; payment: OperationTargetPayment | null }) {
  return (
    <p>
      <Link to={`/payments/${encodeURIComponent(number)}`}>← Payment {number}</Link>
      {payment && (
        <span className="target">
          {" "}
          · <State state={payment.lifeCycleState} /> · {titleOf(VENDOR_TITLE, payment.vendorCode)} · {titleOf(MODEL_TITLE, payment.paymentModel)} ·{" "}
          <Money amount={payment.amount} currency={payment.currency} />
        </span>
      )}
    </p>
  );
}
