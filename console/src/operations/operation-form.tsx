import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { OperationResult } from "urql";
import type { OperationRefusalFragment } from "../gql/graphql";
import type { PaymentOperation } from "../gql/graphql";
import { OPERATION_PERMISSION, permissionName, useSession } from "../session/session";
import { navigate } from "../shell/navigation";
import { useIdempotentSubmit } from "./idempotent-submit";
import { OperationTarget } from "./operation-target";
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
  /** Sends the mutation with this idempotency key. */
  send(idempotencyKey: string): Promise<OperationResult<unknown>>;
  /** The union member answered, from the mutation's data. */
  answer(data: unknown): OperationAnswer;
  successTypename: string;
  outcome: string;
  children?: ReactNode;
}

const OPERATION_OF: Record<Props["operation"], PaymentOperation> = { void: "VOID", cancel: "CANCEL", reject: "REJECT" };

/** A void, cancel or reject form: one submission at a time, every answer explained. */
export function OperationForm(props: Props) {
  const { may } = useSession();
  const permission = OPERATION_PERMISSION[OPERATION_OF[props.operation]];
  const { submitting, submit } = useIdempotentSubmit(`${props.operation}.${props.number}`);
  const [refusal, setRefusal] = useState<OperationRefusalFragment | null>(null);
  const [lost, setLost] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const forbidden = !may(permission) || refusal?.__typename === "NotAuthorizedError";

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (forbidden || !props.check()) return;
    await submit(async (key) => {
      const result = await props.send(key);
      const member = props.answer(result.data);
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
      <OperationTarget number={props.number} />
      <h1 id="operation-title" tabIndex={-1} ref={heading}>
        {props.title}
      </h1>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="operation-form">
        {props.children}
        {!may(permission) && (
          <p role="alert" className="refusal" data-testid="not-permitted">
            Your token lacks the {permissionName(permission)} permission: it cannot {props.operation} payments.
          </p>
        )}
        {refusal && <Refusal refusal={refusal} />}
        {lost && (
          <p role="alert" className="refusal">
            {lost}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={forbidden} aria-disabled={submitting} data-submitting={submitting || undefined}>
            {submitting ? "Sending…" : props.submitLabel}
          </button>
        </div>
      </form>
    </section>
  );
}
