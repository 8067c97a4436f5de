import { useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import type { CancelPaymentInput } from "../gql/graphql";
import { CANCELLATION_TEXT_LENGTHS, checkFields, NAME_LENGTH, rules, type FieldErrors, type Rule } from "./input-rules";
import { OperationForm } from "./operation-form";
import { TextField } from "./text-field";

const CancelPaymentMutation = graphql(`
  mutation ConsoleCancelPayment($input: CancelPaymentInput!) {
    cancelPayment(input: $input) {
      __typename
      ... on CancelPaymentSuccess { payment { id lifeCycleState } cancellation { id number } }
      ...OperationRefusal
    }
  }
`);

const STRING_UDFS = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `udfString${n}`);
const DECIMAL_UDFS = [1, 2, 3, 4].map((n) => `udfFloat${n}`);
const DATE_UDFS = [1, 2, 3, 4].map((n) => `udfDate${n}`);

/** The API's rules for each field of CancelPaymentInput. */
const CANCEL_RULES: Record<string, Rule> = {
  type: rules.length(...NAME_LENGTH),
  category: rules.length(...NAME_LENGTH),
  notes: rules.length(...CANCELLATION_TEXT_LENGTHS.notes),
  backOfficeCode: rules.length(...CANCELLATION_TEXT_LENGTHS.backOfficeCode),
  issueReason: rules.length(...CANCELLATION_TEXT_LENGTHS.issueReason),
  ...Object.fromEntries(STRING_UDFS.map((field) => [field, rules.length(...CANCELLATION_TEXT_LENGTHS.userDefinedString)])),
  ...Object.fromEntries(DECIMAL_UDFS.map((field) => [field, rules.udfDecimal])),
  ...Object.fromEntries(DATE_UDFS.map((field) => [field, rules.date])),
};

function cancelInput(number: string, values: Record<string, string>, idempotencyKey: string): CancelPaymentInput {
  const input: Record<string, unknown> = { payment: { number }, type: { name: values.type }, idempotencyKey };
  if (values.category) input.category = { name: values.category };
  for (const field of ["notes", "backOfficeCode", "issueReason", ...STRING_UDFS, ...DECIMAL_UDFS, ...DATE_UDFS]) {
    if (values[field]) input[field] = values[field];
  }
  return input as unknown as CancelPaymentInput;
}

/** Cancel: creates the payment's cancellation record, with the operator's notes and fields. */
export function CancelForm({ number }: { number: string }) {
  const [, cancelPayment] = useMutation(CancelPaymentMutation);
  const [values, setValues] = useState<Record<string, string>>({ type: "Payment Cancellation" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const field = (name: string, label: string, type?: "text" | "date" | "decimal" | "textarea", extra: { required?: boolean; hint?: string } = {}) => (
    <TextField
      key={name}
      id={`cancel-${name}`}
      label={label}
      type={type}
      value={values[name] ?? ""}
      onChange={(value) => setValues({ ...values, [name]: value })}
      problem={errors[name]}
      {...extra}
    />
  );

  return (
    <OperationForm
      number={number}
      operation="cancel"
      title={`Cancel payment ${number}`}
      submitLabel="Cancel payment"
      check={() => {
        const found = checkFields(values, CANCEL_RULES, ["type"]);
        setErrors(found);
        return Object.keys(found).length === 0;
      }}
      send={(idempotencyKey) => cancelPayment({ input: cancelInput(number, values, idempotencyKey) })}
      answer={(data) => (data as { cancelPayment?: { __typename: string } } | undefined)?.cancelPayment}
      successTypename="CancelPaymentSuccess"
      outcome="cancelled"
    >
      <fieldset>
        <legend>Cancellation</legend>
        {field("type", "Type (name)", "text", { required: true })}
        {field("category", "Category (name)", "text", { hint: "e.g. Cancellation Because of Mistake" })}
        {field("notes", "Notes", "textarea", { hint: "At most 2000 characters" })}
        {field("backOfficeCode", "Back office code", "text", { hint: "Unique among your cancellations" })}
        {field("issueReason", "Issue reason", "textarea", { hint: "At most 500 characters" })}
      </fieldset>
      <fieldset>
        <legend>User defined fields</legend>
        <div className="grid">
          {STRING_UDFS.map((name, i) => field(name, `Text ${i + 1}`))}
          {DECIMAL_UDFS.map((name, i) => field(name, `Decimal ${i + 1}`, "decimal"))}
          {DATE_UDFS.map((name, i) => field(name, `Date ${i + 1}`, "date"))}
        </div>
      </fieldset>
    </OperationForm>
  );
}
