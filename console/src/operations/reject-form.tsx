import { useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { useLookups } from "../shell/lookups";
import { LookupField } from "./lookup-field";
import { OperationForm } from "./operation-form";

const RejectPaymentMutation = graphql(`
  mutation ConsoleRejectPayment($input: RejectPaymentInput!) {
    rejectPayment(input: $input) {
      __typename
      ... on RejectPaymentSuccess { payment { id lifeCycleState } }
      ...OperationRefusal
    }
  }
`);

/** Reject: a DRAFT payment becomes REJECTED, with an optional reason. */
export function RejectForm({ number }: { number: string }) {
  const [, rejectPayment] = useMutation(RejectPaymentMutation);
  const reasons = useLookups("REJECTION_REASON");
  const [reason, setReason] = useState("");
  return (
    <OperationForm
      number={number}
      operation="reject"
      title={`Reject payment ${number}`}
      submitLabel="Reject payment"
      check={() => true}
      loading={reasons === null}
      send={(idempotencyKey) => rejectPayment({ input: { payment: { number }, idempotencyKey, ...(reason ? { rejectionReason: { id: reason } } : {}) } })}
      answer={(data) => (data as { rejectPayment?: { __typename: string } } | undefined)?.rejectPayment}
      successTypename="RejectPaymentSuccess"
      outcome="rejected"
    >
      <LookupField id="reject-reason" label="Rejection reason" lookups={reasons} value={reason} onChange={setReason} none="No reason" />
    </OperationForm>
  );
}
