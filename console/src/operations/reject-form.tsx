import { useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { checkFields, NAME_LENGTH, rules, type FieldErrors } from "./input-rules";
import { OperationForm } from "./operation-form";
import { TextField } from "./text-field";

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
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <OperationForm
      number={number}
      operation="reject"
      title={`Reject payment ${number}`}
      submitLabel="Reject payment"
      check={() => {
        const found = checkFields({ reason }, { reason: rules.length(...NAME_LENGTH) });
        setErrors(found);
        return Object.keys(found).length === 0;
      }}
      send={(idempotencyKey) => rejectPayment({ input: { payment: { number }, idempotencyKey, ...(reason ? { rejectionReason: { name: reason } } : {}) } })}
      answer={(data) => (data as { rejectPayment?: { __typename: string } } | undefined)?.rejectPayment}
      successTypename="RejectPaymentSuccess"
      outcome="rejected"
    >
      <TextField id="reject-reason" label="Rejection reason (name)" value={reason} onChange={setReason} problem={errors.reason} hint="e.g. Reject Due to Business Request" />
    </OperationForm>
  );
}
