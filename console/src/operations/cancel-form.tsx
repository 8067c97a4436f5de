import { useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import type { CancelPaymentInput } from "../gql/graphql";
import { useLookups, type Lookup } from "../shell/lookups";
import { CANCELLATION_TEXT_LENGTHS, checkFields, rules, type FieldErrors, type Rule } from "./input-rules";
import { LookupField } from "./lookup-field";
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

/** The type a cancellation usually has, chosen at first when the API lists it. */
const USUAL_TYPE = "Payment Cancellation";

/** The API's rules for each field of CancelPaymentInput; type and category are chosen from the API's lists. */
const CANCEL_RULES: Record<string, Rule> = {
  type: () => null,
  notes: rules.length(...CANCELLATION_TEXT_LENGTHS.notes),
  backOfficeCode: rules.length(...CANCELLATION_TEXT_LENGTHS.backOfficeCode),
  issueReason: rules.length(...CANCELLATION_TEXT_LENGTHS.issueReason),
  ...Object.fromEntries(STRING_UDFS.map((field) => [field, rules.length(...CANCELLATION_TEXT_LENGTHS.userDefinedString)])),
  ...Object.fromEntries(DECIMAL_UDFS.map((field) => [field, rules.udfDecimal])),
  ...Object.fromEntries(DATE_UDFS.map((field) => [field, rules.date])),
};

function cancelInput(number: string, values: Record<string, string>, idempotencyKey: string): CancelPaymentInput {
  const input: Record<string, unknown> = { payment: { number }, type: { id: values.type }, idempotencyKey };
  if (values.category) input.category = { id: values.category };
  for (const field of ["notes", "backOfficeCode", "issueReason", ...STRING_UDFS, ...DECIMAL_UDFS, ...DATE_UDFS]) {
    if (values[field]) input[field] = values[field];
  }
  return input as unknown as CancelPaymentInput;
}

function usualType(types: Lookup[] | null): string {
  return types?.find((type) => type.name === USUAL_TYPE)?.id ?? (types?.length === 1 ? types[0].id : "");
}

/** Cancel: creates the payment's cancellation record, with the operator's notes and fields. */
export function CancelForm({ number }: { number: string }) {
  const [, cancelPayment] = useMutation(CancelPaymentMutation);
  const types = useLookups("FINANCIAL_TRANSACTION_TYPE");
  const categories = useLookups("FINANCIAL_TRANSACTION_CATEGORY");
  const [chosen, setValues] = useState<Record<string, string>>({});
  const values: Record<string, string> = { ...chosen, type: chosen.type ?? usualType(types) };
  const [errors, setErrors] = useState<FieldErrors>({});
  const lookup = (name: "type" | "category", label: string, lookups: Lookup[] | null, none: string, required = false) => (
    <LookupField
      id={`cancel-${name}`}
      label={label}
      lookups={lookups}
      value={values[name] ?? ""}
      onChange={(id) => setValues({ ...values, [name]: id })}
      none={none}
      problem={errors[name]}
      required={required}
    />
  );
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
      loading={types === null || categories === null}
      send={(idempotencyKey) => cancelPayment({ input: cancelInput(number, values, idempotencyKey) })}
      answer={(data) => (data as { cancelPayment?: { __typename: string } } | undefined)?.cancelPayment}
      successTypename="CancelPaymentSuccess"
      outcome="cancelled"
    >
      <fieldset>
        <legend>Cancellation</legend>
        {lookup("type", "Type", types, "Choose a type", true)}
        {lookup("category", "Category", categories, "No category")}
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
