import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import type { OperationResolution, PaymentOperation, ResolveOperationInput } from "../gql/graphql";
import { checkFields, NAME_LENGTH, RECORD_CODE_LENGTH, RESOLUTION_NOTE_LENGTH, rules, type FieldErrors, type Rule } from "../operations/input-rules";
import { TextField } from "../operations/text-field";
import { draftFromEvidence, type KeptEvidence } from "./kept-evidence";

const ResolveOperationMutation = graphql(`
  mutation ConsoleResolveOperation($input: ResolveOperationInput!) {
    resolveOperation(input: $input) {
      __typename
      ... on ResolveOperationSuccess { operation { id status } payment { id lifeCycleState } }
      ... on Error { code message }
      ... on NotAuthorizedError { permission }
      ... on OperationNotAwaitingResolutionError { status }
      ... on ValidationError { fieldErrors { field message } }
      ... on VendorNumberTakenError { field }
    }
  }
`);

const RECORD_FIELDS: Array<[string, string, Rule]> = [
  ["number", "Vendor's cancellation number", rules.length(...RECORD_CODE_LENGTH)],
  ["referenceNumber", "Reference number", rules.length(...RECORD_CODE_LENGTH)],
  ["vendorId", "Vendor's id", rules.length(...RECORD_CODE_LENGTH)],
  ["amount", "Amount", rules.decimal],
  ["gatewayName", "Gateway", rules.length(...NAME_LENGTH)],
  ["gatewayReferenceNumber", "Gateway reference", rules.length(...NAME_LENGTH)],
  ["issuedOn", "Issued on", rules.date],
  ["postedOn", "Posted on", rules.date],
];

/** Settles one operation: SUCCEEDED (with the vendor's cancellation record) or FAILED, with a note; filled from what the API kept, for the operator to confirm or correct. */
export function ResolveForm({ operationId, evidence, onResolved }: { operationId: string; evidence: KeptEvidence; onResolved: () => void }) {
  const operation: PaymentOperation = evidence.operation;
  const [draft] = useState(() => draftFromEvidence(evidence));
  const [, resolve] = useMutation(ResolveOperationMutation);
  const [outcome, setOutcome] = useState<OperationResolution>(draft.outcome);
  const [values, setValues] = useState<Record<string, string>>(draft.values);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [forbidden, setForbidden] = useState(false);
  const [sending, setSending] = useState(false);
  const withRecord = operation === "CANCEL" && outcome === "SUCCEEDED";
  const id = (name: string) => `resolve-${operationId}-${name}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending || forbidden) return;
    const fieldRules: Record<string, Rule> = { note: rules.length(...RESOLUTION_NOTE_LENGTH), ...(withRecord ? Object.fromEntries(RECORD_FIELDS.map(([name, , rule]) => [name, rule])) : {}) };
    const found = checkFields(values, fieldRules, ["note"]);
    setErrors(found);
    if (Object.keys(found).length) return;
    const input: ResolveOperationInput = { operationId, outcome, note: values.note };
    if (withRecord) {
      const record: Record<string, string> = {};
      for (const [name] of RECORD_FIELDS) {
        if (!values[name]) continue;
        record[name] = name === "issuedOn" || name === "postedOn" ? `${values[name]}T00:00:00.000Z` : values[name];
      }
      input.cancellation = record;
    }
    setSending(true);
    const result = await resolve({ input });
    setSending(false);
    const answer = result.data?.resolveOperation;
    if (!answer) return setMessage(result.error?.message ?? "No answer: try again.");
    if (answer.__typename === "ResolveOperationSuccess") return onResolved();
    if (answer.__typename === "NotAuthorizedError") setForbidden(true);
    // The vendor's number is another cancellation's: said under the field that holds it, too.
    if (answer.__typename === "VendorNumberTakenError") setErrors({ [answer.field.replace(/^cancellation\./, "")]: answer.message });
    setMessage(
      answer.__typename === "NotAuthorizedError"
        ? `Only admins settle operations (your token lacks ${answer.permission}).`
        : answer.__typename === "ValidationError"
          ? answer.fieldErrors.map((error) => `${error.field}: ${error.message}`).join("; ")
          : answer.message,
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="resolve" aria-label={`Resolve operation ${operationId}`}>
      {draft.prefilled && (
        <p className="hint" data-testid="prefilled">
          Filled in from what the API kept: check it against the vendor&apos;s records, correct what differs, then settle.
        </p>
      )}
      <fieldset>
        <legend>Outcome at the vendor</legend>
        {(["SUCCEEDED", "FAILED"] as const).map((choice) => (
          <label key={choice} className="check">
            <input type="radio" name={id("outcome")} value={choice} checked={outcome === choice} onChange={() => setOutcome(choice)} />
            {choice === "SUCCEEDED" ? "It went through (apply it)" : "It did not happen (release the payment)"}
          </label>
        ))}
      </fieldset>
      <TextField id={id("note")} label="Note" type="textarea" required value={values.note} onChange={(note) => setValues({ ...values, note })} problem={errors.note} />
      {withRecord && (
        <fieldset>
          <legend>The vendor's cancellation record</legend>
          <div className="grid">
            {RECORD_FIELDS.map(([name, label]) => (
              <TextField
                key={name}
                id={id(name)}
                label={label}
                type={name.endsWith("On") ? "date" : name === "amount" ? "decimal" : "text"}
                value={values[name] ?? ""}
                onChange={(value) => setValues({ ...values, [name]: value })}
                problem={errors[name]}
              />
            ))}
          </div>
        </fieldset>
      )}
      <div className="actions submit-row">
        <button type="submit" disabled={forbidden || sending}>
          {sending ? "Sending…" : `Settle as ${outcome.toLowerCase()}`}
        </button>
        {message && <p role="alert" className="refusal">{message}</p>}
      </div>
    </form>
  );
}
