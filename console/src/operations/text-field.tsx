import { FieldProblem } from "./field-problem";

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string;
  type?: "text" | "date" | "decimal" | "textarea";
  required?: boolean;
  hint?: string;
}

/** One labelled input with its problem under it; decimals are text with a decimal keyboard. */
export function TextField({ id, label, value, onChange, problem, type = "text", required, hint }: Props) {
  const common = {
    id,
    value,
    "aria-invalid": !!problem,
    "aria-describedby": `${id}-problem`,
    "aria-required": required,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? " (required)" : ""}
      </label>
      {type === "textarea" ? (
        <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type === "date" ? "date" : "text"} inputMode={type === "decimal" ? "decimal" : undefined} onChange={(e) => onChange(e.target.value)} />
      )}
      {hint && <span className="hint">{hint}</span>}
      <FieldProblem id={`${id}-problem`} problem={problem} />
    </div>
  );
}
