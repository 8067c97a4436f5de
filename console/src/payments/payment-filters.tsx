import { useState, type FormEvent } from "react";
import type { PaymentState, VendorCode } from "../gql/graphql";
import { checkFields, RECORD_CODE_LENGTH, rules, type FieldErrors } from "../operations/input-rules";
import { FieldProblem } from "../operations/field-problem";
import { ORDERS, type FilterFields, type ListView } from "./list-address";
import type { PaymentOrder } from "../gql/graphql";
import { useCurrencies } from "../shell/lookups";
import { STATE_TITLE } from "../shell/titles";

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

/** How many filter fields are set: shown on the button that unfolds them on a phone. */
function setCount(filter: FilterFields): number {
  return Object.entries(filter).filter(([field, value]) => field !== "search" && (Array.isArray(value) ? value.length > 0 : !!value)).length;
}

/** Every PaymentFilter field, the order and the page size; applying starts again at the first page. On a phone they fold behind one button. */
export function PaymentFilters({ view, onApply }: { view: ListView; onApply: (filter: FilterFields, pageSize: number, order: PaymentOrder) => void }) {
  const [fields, setFields] = useState<FilterFields>(view.filter);
  const [order, setOrder] = useState<PaymentOrder>(view.order);
  const [open, setOpen] = useState(false);
  const currencies = useCurrencies();
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
    if (Object.keys(found).length === 0) {
      setOpen(false);
      onApply(fields, size, order);
    }
  }
  const text = (field: keyof typeof FILTER_RULES, label: string, props: Record<string, string> = {}) => (
    <div className="field">
      <label htmlFor={`filter-${field}`}>{label}</label>
      <input id={`filter-${field}`} value={fields[field]} onChange={set(field)} aria-invalid={!!errors[field]} aria-describedby={`filter-${field}-problem`} {...props} />
      <FieldProblem id={`filter-${field}-problem`} problem={errors[field]} />
    </div>
  );

  const count = setCount(view.filter);
  return (
    <>
    <button type="button" className="filters-toggle" aria-expanded={open} aria-controls="payment-filters" onClick={() => setOpen(!open)}>
      Filters{count ? ` (${count})` : ""}
    </button>
    <form id="payment-filters" className={open ? "filters open" : "filters"} onSubmit={apply} aria-label="Filter payments">
      <fieldset className="states">
        <legend>States</legend>
        {PAYMENT_STATES.map((state) => (
          <label key={state} className="check">
            <input type="checkbox" checked={fields.states.includes(state)} onChange={(e) => toggleState(state, e.target.checked)} />
            {STATE_TITLE[state]}
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
      <div className="field">
        <label htmlFor="filter-currencyCode">Currency</label>
        <select id="filter-currencyCode" value={fields.currencyCode} onChange={set("currencyCode")}>
          <option value="">Any currency</option>
          {/* A code in the address that the list lacks stays choosable. */}
          {fields.currencyCode && !currencies.some((currency) => currency.code === fields.currencyCode) && <option value={fields.currencyCode}>{fields.currencyCode}</option>}
          {currencies.map((currency) => (
            <option key={currency.code} value={currency.code}>
              {currency.code}
              {currency.lifeCycleState === "NOT_EFFECTIVE" ? " (not effective)" : ""}
            </option>
          ))}
        </select>
      </div>
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
      <div className="field">
        <label htmlFor="filter-order">Order</label>
        <select id="filter-order" value={order} onChange={(e) => setOrder(e.target.value as PaymentOrder)}>
          {ORDERS.map((known) => (
            <option key={known.order} value={known.order}>
              {known.title}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit">Apply filters</button>
      </div>
    </form>
    </>
  );
}
