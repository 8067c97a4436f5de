import { useMutation } from "urql";
import { graphql } from "../gql";
import { OperationForm } from "./operation-form";

const VoidPaymentMutation = graphql(`
  mutation ConsoleVoidPayment($input: VoidPaymentInput!) {
    voidPayment(input: $input) {
      __typename
      ... on VoidPaymentSuccess { payment { id lifeCycleState } }
      ...OperationRefusal
    }
  }
`);

/** Void: releases the payment's pre-authorisation at its vendor. */
export function VoidForm({ number }: { number: string }) {
  const [, voidPayment] = useMutation(VoidPaymentMutation);
  return (
    <OperationForm
      number={number}
      operation="void"
      title={`Void payment ${number}`}
      submitLabel="Void payment"
      check={() => true}
      send={(idempotencyKey) => voidPayment({ input: { payment: { number }, idempotencyKey } })}
      answer={(data) => (data as { voidPayment?: { __typename: string } } | undefined)?.voidPayment}
      successTypename="VoidPaymentSuccess"
      outcome="voided"
    >
      <p>The vendor releases the pre-authorisation and the payment becomes CANCELLED.</p>
    </OperationForm>
  );
}
