import type { PaymentOperation } from "../gql/graphql";

export const OPERATION_LABEL: Record<PaymentOperation, string> = { VOID: "Void", CANCEL: "Cancel", REJECT: "Reject" };

/** What the payment page says after an operation succeeded (?outcome=…). */
export const OUTCOME_NOTICE: Record<string, string> = {
  voided: "The payment was voided.",
  cancelled: "The payment was cancelled; the cancellation is below.",
  rejected: "The payment was rejected.",
};
