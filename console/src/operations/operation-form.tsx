import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { OperationResult } from "urql";
import type { OperationRefusalFragment, PaymentOperation } from "../gql/graphql";
import { OPERATION_PERMISSION, permissionName, useSession } from "../session/session";
import { navigate } from "../shell/navigation";
import { formatMoney } from "../shell/money";
import { titleOf, VENDOR_TITLE } from "../shell/titles";
import { useIdempotentSubmit } from "./idempotent-submit";
import { NotApplicable } from "./not-applicable";
import { OperationTarget, useOperationTarget, type OperationTargetPayment } from "./operation-target";
import { Refusal } from "./refusal";

/** What a mutation answered: its success member, or a refusal. */
export type OperationAnswer = { __typename: string } | undefined;

interface Props {
  number: string;
  operation: "void" | "cancel" | "reject";
  title: string;
  submitLabel: string;
  /** Checks the fields in the page; true when they pass. */
  check(): boolean;
  /** The lists that fill the form's selects are still on their way: it cannot be submitted yet. */
  loading?: boolean;
  /** Sends the mutation with this idempotency key. */
  send(idempotencyKey: string): Promise<OperationResult<unknown>>;
  /** The union member answered, from the mutation's data. */
  answer(data: unknown): OperationAnswer;
  successTypename: string;
  outcome: string;
  children?: ReactNode;
}

const OPERATION_OF: Record<Props["operation"], PaymentOperation> = { void: "VOID", cancel: "CANCEL", reject: "REJECT" };

/** A void, cancel or reject form, offered only where the payment allows it now. */
export function OperationForm(props: Props) {
  const target = useOperationTarget(props.number);
  if (target.fetching && !target.data) return <p className="loading">Loading payment {props.number}…</p>;
  if (target.error) return <p role="alert" className="refusal">{target.error.graphQLErrors[0]?.message ?? target.error.message}</p>;
  const payment = target.data?.payment ?? null;
  if (!payment) {
    return (
      <>
        <OperationTarget number={props.number} payment={null} />
        <p role="alert">No payment {props.number} within your reach.</p>
      </>
    );
  }
  const operation = OPERATION_OF[props.operation];
  if (!payment.availableOperations.includes(operation)) return <NotApplicable payment={payment} operation={operation} />;
  return <ApplicableForm {...props} payment={payment} />;
}

/** The form itself: the payment named, a confirmation before sending, one submission at a time, the answer beside the button. */
function ApplicableForm(props: Props & { payment: OperationTargetPayment }) {
  const { may } = useSession();
  const { payment } = props;
  const permission = OPERATION_PERMISSION[OPERATION_OF[props.operation]];
  const { submitting, submit } = useIdempotentSubmit(`${props.operation}.${props.number}`);
  const [refusal, setRefusal] = useState<OperationRefusalFragment | null>(null);
  const [lost, setLost] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const answerRef = useRef<HTMLDivElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (refusal || lost) answerRef.current?.scrollIntoView({ block: "nearest" });
  }, [refusal, lost]);
  const forbidden = !may(permission) || refusal?.__typename === "NotAuthorizedError";
  const amount = formatMoney(payment.amount, payment.currency);
  const vendor = titleOf(VENDOR_TITLE, payment.vendorCode);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (forbidden || submitting || props.loading || !props.check()) return;
    setConfirming(true);
  }

  async function send() {
    await submit(async (key) => {
      const result = await props.send(key);
      const member = props.answer(result.data);
      setConfirming(false);
      if (!member) {
        setLost(result.error?.graphQLErrors[0]?.message ?? "The connection was lost before the answer arrived. Submit again: the same request is sent, and it never acts twice.");
        return { answered: !!result.error?.graphQLErrors.length, value: undefined };
      }
      setLost(null);
      if (member.__typename === props.successTypename) navigate(`/payments/${encodeURIComponent(props.number)}?outcome=${props.outcome}`);
      else setRefusal(member as OperationRefusalFragment);
      return { answered: true, value: undefined };
    });
  }

  return (
    <section aria-labelledby="operation-title">
      <OperationTarget number={props.number} payment={payment} />
      <h1 id="operation-title" tabIndex={-1} ref={heading}>
        {props.title}
      </h1>
      <form onSubmit={onSubmit} noValidate className="operation-form">
        <fieldset disabled={confirming || submitting} className="plain">
          {props.children}
        </fieldset>
        {!may(permission) && (
          <p role="alert" className="refusal" data-testid="not-permitted">
            Your token lacks the {permissionName(permission)} permission: it cannot {props.operation} payments.
          </p>
        )}
        {confirming ? (
          <div role="alertdialog" aria-labelledby="confirm-question" className="confirm" data-testid="confirm">
            <p id="confirm-question">
              <strong>
                {props.submitLabel.replace(/ payment$/, "")} payment {payment.number} at {vendor} for {amount}?
              </strong>{" "}
              This cannot be undone.
            </p>
            <div className="actions">
              <button type="button" autoFocus disabled={submitting} onClick={() => void send()} data-submitting={submitting || undefined}>
                {submitting ? "Sending…" : `Yes, ${props.submitLabel.toLowerCase()} ${payment.number}`}
              </button>
              <button type="button" className="secondary" disabled={submitting} onClick={() => setConfirming(false)}>
                No, go back
              </button>
            </div>
          </div>
        ) : (
          <div className="actions submit-row">
            <button type="submit" disabled={forbidden || submitting || props.loading}>
              {submitting ? "Sending…" : props.submitLabel}
            </button>
          </div>
        )}
        <div ref={answerRef} className="answer" aria-live="polite">
          {refusal && <Refusal refusal={refusal} />}
          {lost && (
            <p role="alert" className="refusal">
              {lost}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
