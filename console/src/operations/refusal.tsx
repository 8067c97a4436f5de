import { graphql } from "../gql";
import type { OperationRefusalFragment } from "../gql/graphql";

/**
 * What every refusal of void, cancel and reject carries, by union member (its documents name it by text).
 * @public
 */
export const OperationRefusal = graphql(`
  fragment OperationRefusal on Error {
    __typename
    code
    message
    retryable
    ... on PaymentStateError { currentState allowedStates }
    ... on PostpaidPaymentError { paymentModel }
    ... on VendorRejectedError { vendor vendorCode vendorMessage }
    ... on VendorUnavailableError { vendor }
    ... on NotAuthorizedError { permission }
    ... on ValidationError { fieldErrors { field message } }
    ... on ReferenceNotFoundError { field }
    ... on DuplicateBackOfficeCodeError { backOfficeCode }
    ... on OperationInProgressError { operation }
    ... on OperationNeedsAttentionError { operationId operation }
    ... on OperationNotSupportedError { vendor operation }
    ... on IdempotencyKeyReuseError { idempotencyKey }
    ... on OperationFailedError { operationId note }
  }
`);

/** A refusal, as an operator reads it: what it means and what to do next. */
function explain(refusal: OperationRefusalFragment): string {
  switch (refusal.__typename) {
    case "PaymentStateError":
      return `The payment is ${refusal.currentState}; this operation needs it ${refusal.allowedStates.join(" or ")}.`;
    case "PostpaidPaymentError":
      return `The payment is ${refusal.paymentModel}: its vendor cancels prepaid payments only. Nothing was changed.`;
    case "VendorRejectedError":
      return `${refusal.vendor} refused: ${refusal.vendorCode} — ${refusal.vendorMessage}. The payment is unchanged.`;
    case "VendorUnavailableError":
      return `${refusal.vendor} did not answer in time. The operation continues in the background; reload the payment to see its progress.`;
    case "NotAuthorizedError":
      return `Your token lacks the ${refusal.permission} permission, so this action is not available to you.`;
    case "ValidationError":
      return `The API refused some fields: ${refusal.fieldErrors.map((error) => `${error.field}: ${error.message}`).join("; ")}.`;
    case "ReferenceNotFoundError":
      return `No such ${refusal.field}: check its name.`;
    case "DuplicateBackOfficeCodeError":
      return `The back office code ${refusal.backOfficeCode} is already used by another cancellation.`;
    case "OperationInProgressError":
      return `Another ${refusal.operation.toLowerCase()} of this payment has not finished yet; try again once it has.`;
    case "OperationNeedsAttentionError":
      return `A ${refusal.operation.toLowerCase()} of this payment needs an operator (operation ${refusal.operationId}): see Needs attention.`;
    case "OperationNotSupportedError":
      return `${refusal.vendor} does not offer ${refusal.operation.toLowerCase()}.`;
    case "IdempotencyKeyReuseError":
      return `This submission's key was already used for a different request; reload the page and submit again.`;
    case "OperationFailedError":
      return `An operator settled this operation as failed: ${refusal.note}. The payment is unchanged.`;
    default:
      return refusal.message;
  }
}

export function Refusal({ refusal }: { refusal: OperationRefusalFragment }) {
  return (
    <div role="alert" className="refusal" data-testid="refusal" data-code={refusal.code}>
      <strong>{refusal.__typename.replace(/Error$/, "").replace(/([a-z])([A-Z])/g, "$1 $2")}</strong> ({refusal.code})
      <p>{explain(refusal)}</p>
      <p className="hint">API: {refusal.message}</p>
    </div>
  );
}
