import { graphql } from "./gql";

export const PaymentQuery = graphql(`
  query Payment($number: String!) {
    payment(identifier: { number: $number }) {
      id
      number
      lifeCycleState
      amount
      currency { code }
      vendorCode
      availableOperations
    }
  }
`);

export const PaymentsPageQuery = graphql(`
  query PaymentsPage($first: Int, $after: String) {
    payments(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          number
          amount
          lifeCycleState
          currency { code }
          currencyRatePeriod { rate }
          cancellation { number }
          events(last: 5) { type fromState toState }
        }
      }
    }
  }
`);

export const VoidPaymentMutation = graphql(`
  mutation VoidPayment($input: VoidPaymentInput!) {
    voidPayment(input: $input) {
      __typename
      ... on VoidPaymentSuccess { payment { number lifeCycleState closedAt } }
      ... on PaymentStateError { currentState allowedStates }
      ... on Error { code message retryable }
    }
  }
`);

export const CancelPaymentMutation = graphql(`
  mutation CancelPayment($input: CancelPaymentInput!) {
    cancelPayment(input: $input) {
      __typename
      ... on CancelPaymentSuccess { payment { number lifeCycleState } cancellation { number amount } }
      ... on PaymentStateError { currentState allowedStates }
      ... on Error { code message retryable }
    }
  }
`);

export const RejectPaymentMutation = graphql(`
  mutation RejectPayment($input: RejectPaymentInput!) {
    rejectPayment(input: $input) {
      __typename
      ... on RejectPaymentSuccess { payment { number lifeCycleState rejectionReason { name } } }
      ... on PaymentStateError { currentState allowedStates }
      ... on Error { code message retryable }
    }
  }
`);
