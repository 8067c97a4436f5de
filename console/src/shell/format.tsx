import type { PaymentState } from "../gql/graphql";
import { formatMoney, type CurrencyLook } from "./money";
import { STATE_TITLE, titleOf } from "./titles";

/** An amount as the API gives it (decimal text, never a float), with its currency's symbol and minor digits; the exact amount on hover. */
export function Money({ amount, currency }: { amount: string; currency: CurrencyLook }) {
  return (
    <span className="money" title={`${amount} ${currency.code}`} data-amount={amount}>
      {formatMoney(amount, currency)}
    </span>
  );
}

const localDay = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
const localMoment = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });

function utcText(value: string): string {
  return `${value.replace("T", " ").replace(/\.\d+Z$/, "Z").replace(/Z$/, " UTC")}`;
}

/** The local calendar day of a date-time, with the UTC time on hover. */
export function Day({ value }: { value: string }) {
  return (
    <time dateTime={value} title={utcText(value)}>
      {localDay.format(new Date(value))}
    </time>
  );
}

/** A date-time in the operator's local time, to the second, with the UTC time on hover. */
export function Moment({ value }: { value: string | null | undefined }) {
  if (!value) return <>—</>;
  return (
    <time dateTime={value} title={utcText(value)}>
      {localMoment.format(new Date(value))}
    </time>
  );
}

/** A payment's state by its title, coloured by kind. */
export function State({ state }: { state: PaymentState }) {
  return <span className={`state state-${state}`} data-state={state}>{titleOf(STATE_TITLE, state)}</span>;
}
