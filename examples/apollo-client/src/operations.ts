import { graphql } from "./gql";

export const PaymentQuery = graphql(`
  query Payment($number: String!) {
    payment(identifier: { number: $number }) {
      id
      number
      lifeCycleState
      paymentModel
      vendorCode
      availableOperations
    }
  }
`);

/**
 * `... on Error` reaches every error member of the union: Apollo Client's cache matches it only
 * when it knows their `possibleTypes` (see client.ts).
 */
export const CancelPaymentMutation = graphql(`
  mutation CancelPayment($input: CancelPaymentInput!) {
    cancelPayment(input: $input) {
      __typename
      ... on CancelPaymentSuccess {
        payment { id number lifeCycleState }
        cancellation { number amount }
      }
      ... on PaymentStateError { currentState allowedStates }
      ... on Error { code message retryable }
    }
  }
`);
