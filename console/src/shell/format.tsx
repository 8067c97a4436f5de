/** An amount as the API gives it (decimal text, never a float) with its currency. */
export function Money({ amount, currency }: { amount: string; currency: string }) {
  return (
    <span className="money">
      {amount} {currency}
    </span>
  );
}

/** The calendar day (UTC) of a date-time, with the full time on hover. */
export function Day({ value }: { value: string }) {
  return <time dateTime={value} title={value}>{value.slice(0, 10)}</time>;
}

/** A date-time to the second, in UTC. */
export function Moment({ value }: { value: string | null | undefined }) {
  if (!value) return <>—</>;
  return <time dateTime={value}>{value.replace("T", " ").replace(/\.\d+Z$/, "Z")}</time>;
}
