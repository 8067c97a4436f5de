import { useState, type FormEvent } from "react";
import type { PaymentState, VendorCode } from "../gql/graphql";
import { checkFields, RECORD_CODE_LENGTH, rules, type FieldErrors } from "../operations/input-rules";
import { FieldProblem } from "../operations/field-problem";
import type { FilterFields, ListView } from "./list-address";

export const PAYMENT_STATES: PaymentState[] = ["DRAFT", "PENDING", "AUTHORIZED", "WAITING_FOR_PAYMENT", "PENDING_VERIFICATION", "POSTED", "CANCELLED", "REJECTED"];
export const VENDORS: Array<{ code: VendorCode; name: string }> = [
  { code: "CONVERGEGATE", name: "ConvergeGate" },
  { code: "PLANOCORE", name: "PlanoCore" },
  { code: "ACTIVEPLATFORM", name: "ActivePlatform" },
  { code: "CRMCOM", name: "CRM.COM" },
];

const FILTER_RULES = {
  currencyCode: rules.currencyCode,
  resellerCode: rules.length(...RECORD_CODE_LENGTH),
  issuedFrom: rules.date,
  issuedBefore: rules.date,
  amountMin: rules.decimal,
  amountMax: rules.decimal,
};

/** Every PaymentFilter field, and the page size; applying starts again at the first page. */
export function PaymentFilters({ view, onApply }: { view: ListView; onApply: (filter: FilterFields, pageSize: number) => void }) {
  const [fields, setFields] = useState<FilterFields>(view.filter);
  const [pageSize, setPageSize] = useState(String(view.pageSize));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (field: keyof FilterFields) => (event: { target: { value: string } }) => setFields({ ...fields, [field]: event.target.value });

  function toggleState(state: PaymentState, on: boolean) {
    setFields({ ...fields, states: on ? [...fields.states, state] : fields.states.filter((s) => s !== state) });
  }
  function apply(event: FormEvent) {
    event.preventDefault();
    const found = checkFields(fields as unknown as Record<string, string>, FILTER_RULES);
    const size = Number(pageSize);
    if (!Number.isInteger(size) || size < 1 || size > 100) found.pageSize = "a whole number from 1 to 100";
    setErrors(found);
    if (Object.keys(found).length === 0) onApply(fields, size);
  }
  const text = (field: keyof typeof FILTER_RULES, label: string, props: Record<string, string> = {}) => (
    <div className="field">
      <label htmlFor={`filter-${field}`}>{label}</label>
      <input id={`filter-${field}`} value={fields[field]} onChange={set(field)} aria-invalid={!!errors[field]} aria-describedby={`filter-${field}-problem`} {...props} />
      <FieldProblem id={`filter-${field}-problem`} problem={errors[field]} />
    </div>
  );

  return (
    <form className="filters" onSubmit={apply} aria-label="Filter payments">
      <fieldset className="states">
        <legend>States</legend>
        {PAYMENT_STATES.map((state) => (
          <label key={state} className="check">
            <input type="checkbox" checked={fields.states.includes(state)} onChange={(e) => toggleState(state, e.target.checked)} />
            {state}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="filter-vendor">Vendor</label>
        <select id="filter-vendor" value={fields.vendor} onChange={set("vendor")}>
          <option value="">Any vendor</option>
          {VENDORS.map((vendor) => (
            <option key={vendor.code} value={vendor.code}>
              {vendor.name}
            </option>
          ))}
        </select>
      </div>
      {text("currencyCode", "Currency", { placeholder: "EUR", maxLength: "3" })}
      {text("resellerCode", "Reseller code")}
      {text("issuedFrom", "Issued from (inclusive)", { type: "date" })}
      {text("issuedBefore", "Issued before (exclusive)", { type: "date" })}
      {text("amountMin", "Amount at least", { inputMode: "decimal" })}
      {text("amountMax", "Amount at most", { inputMode: "decimal" })}
      <div className="field">
        <label htmlFor="filter-page-size">Rows per page</label>
        <input id="filter-page-size" type="number" min="1" max="100" value={pageSize} onChange={(e) => setPageSize(e.target.value)} />
        <FieldProblem id="filter-page-size-problem" problem={errors.pageSize} />
      </div>
      <div className="actions">
        <button type="submit">Apply filters</button>
      </div>
    </form>
  );
}
