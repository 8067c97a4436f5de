import { Field, ObjectType, registerEnumType } from "type-graphql";
import type { PaymentChange } from "../../domain/payment-change";
import { PaymentEvent } from "../../domain/payment-event.entity";

/** What happened to an operation, by the event its payment's history got. */
export enum OperationChangeKind {
  STARTED = "STARTED",
  OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN",
  SUCCEEDED = "SUCCEEDED",
  REFUSED = "REFUSED",
  NEEDS_ATTENTION = "NEEDS_ATTENTION",
  RESOLVED = "RESOLVED",
}

registerEnumType(OperationChangeKind, {
  name: "OperationChangeKind",
  description: "What happened to an operation",
  valuesConfig: {
    STARTED: { description: "Recorded in progress; the vendor is being asked" },
    OUTCOME_UNKNOWN: { description: "The vendor's answer did not arrive; recovery asks again later" },
    SUCCEEDED: { description: "The vendor did it, or an operator settled it so: the payment's state changed" },
    REFUSED: { description: "The vendor refused it" },
    NEEDS_ATTENTION: { description: "No retry can settle it: an operator must (resolveOperation)" },
    RESOLVED: { description: "An operator settled it (its status tells how)" },
  },
});

/** The operation change an event of a payment's history stands for; undefined for other events. */
export function operationChangeOf(change: PaymentChange): OperationChangeKind | undefined {
  if (change.operationId === null) return undefined;
  switch (change.type) {
    case "OPERATION_STARTED":
      return OperationChangeKind.STARTED;
    case "VENDOR_OUTCOME_UNKNOWN":
      return OperationChangeKind.OUTCOME_UNKNOWN;
    case "STATE_CHANGED":
      return OperationChangeKind.SUCCEEDED;
    case "OPERATION_REFUSED":
      return OperationChangeKind.REFUSED;
    case "OPERATION_NEEDS_ATTENTION":
      return OperationChangeKind.NEEDS_ATTENTION;
    case "OPERATION_RESOLVED":
      return OperationChangeKind.RESOLVED;
    default:
      return undefined;
  }
}

/** The event of a change, as the payment's history shows it. */
function eventOf(change: PaymentChange): PaymentEvent {
  return Object.assign(new PaymentEvent(), {
    id: change.eventId,
    paymentId: change.paymentId,
    sequence: change.sequence,
    operationId: change.operationId,
    type: change.type,
    actor: change.actor,
    actorResellerId: change.actorResellerId,
    fromState: change.fromState,
    toState: change.toState,
    vendorOutcome: change.vendorOutcome,
    detail: change.detail,
    occurredAt: change.occurredAt,
  });
}

@ObjectType("PaymentChange", { description: "An event added to a payment's history (a state change, an operation's progress, a recorded or reported state), with the payment as it is now" })
export class PaymentChangeMessage {
  @Field(() => PaymentEvent, { description: "What happened" })
  event!: PaymentEvent;

  paymentId!: string;

  static of(change: PaymentChange): PaymentChangeMessage {
    return Object.assign(new PaymentChangeMessage(), { event: eventOf(change), paymentId: change.paymentId });
  }
}

@ObjectType("OperationChange", { description: "A void, cancel or reject that started, progressed or was settled, with the operation and its payment as they are now" })
export class OperationChangeMessage {
  @Field(() => OperationChangeKind)
  change!: OperationChangeKind;

  @Field(() => PaymentEvent, { description: "The event of the payment's history that says it" })
  event!: PaymentEvent;

  paymentId!: string;
  operationId!: string;

  static of(change: PaymentChange, kind: OperationChangeKind): OperationChangeMessage {
    return Object.assign(new OperationChangeMessage(), { change: kind, event: eventOf(change), paymentId: change.paymentId, operationId: change.operationId! });
  }
}
