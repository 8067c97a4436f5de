import type { PaymentOperation } from "../gql/graphql";
import { Link } from "../shell/link";
import { OPERATION_DONE, OPERATION_VERB, STATE_TITLE, titleOf, VENDOR_TITLE } from "../shell/titles";
import { OperationTarget, type OperationTargetPayment } from "./operation-target";

/** A form's address for an operation the payment does not allow now: why, and the way back. */
export function NotApplicable({ payment, operation }: { payment: OperationTargetPayment; operation: PaymentOperation }) {
  const verb = OPERATION_VERB[operation];
  const pending = payment.pendingOperation;
  const others = payment.availableOperations.map((other) => OPERATION_DONE[other]);
  const address = `/payments/${encodeURIComponent(payment.number)}`;
  return (
    <section aria-labelledby="operation-title">
      <OperationTarget number={payment.number} payment={payment} />
      <h1 id="operation-title">
        Payment {payment.number} cannot be {OPERATION_DONE[operation]} now
      </h1>
      <p role="alert" className="refusal" data-testid="not-applicable">
        {pending
          ? `A ${OPERATION_VERB[pending.operation]} of this payment ${pending.status === "NEEDS_ATTENTION" ? "needs attention" : "is in progress"}: nothing else can be done until it is settled.`
          : `The payment is ${titleOf(STATE_TITLE, payment.lifeCycleState)} at ${titleOf(VENDOR_TITLE, payment.vendorCode)} (${payment.paymentModel.toLowerCase()}), and ${titleOf(VENDOR_TITLE, payment.vendorCode)} does not ${verb} a payment like it. ${others.length ? `It can be ${others.join(" or ")} instead.` : "No operation is possible in this state."}`}
      </p>
      <p>
        <Link to={address}>Back to payment {payment.number}</Link>
        {pending?.status === "NEEDS_ATTENTION" && (
          <>
            {" · "}
            <Link to={`/attention/${pending.id}`}>Resolve the {OPERATION_VERB[pending.operation]}</Link>
          </>
        )}
      </p>
    </section>
  );
}
