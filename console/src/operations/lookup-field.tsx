import type { Lookup } from "../shell/lookups";
import { FieldProblem } from "./field-problem";

interface Props {
  id: string;
  label: string;
  /** The list, from `useLookups(kind)`; null while it loads. */
  lookups: Lookup[] | null;
  /** The chosen lookup's id; "" for none. */
  value: string;
  onChange: (id: string) => void;
  /** What the empty choice says ("Choose a type", "No category"). */
  none: string;
  problem?: string;
  required?: boolean;
}

/** One labelled select of a lookup list from the API, by name (its code on hover); its value is the lookup's id. */
export function LookupField({ id, label, lookups, value, onChange, none, problem, required }: Props) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? " (required)" : ""}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={!!problem}
        aria-describedby={`${id}-problem`}
        aria-required={required}
        aria-busy={lookups === null}
      >
        <option value="">{lookups === null ? "Loading…" : none}</option>
        {lookups?.map((lookup) => (
          <option key={lookup.id} value={lookup.id} title={lookup.code}>
            {lookup.name}
          </option>
        ))}
      </select>
      <FieldProblem id={`${id}-problem`} problem={problem} />
    </div>
  );
}
