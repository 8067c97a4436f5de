import { graphql } from "./gql";

/** A query: urql sends it as a GET (its default), the bearer token in the Authorization header. */
export const PaymentQuery = graphql(`
  query PaymentState($number: String!) {
    payment(identifier: { number: $number }) {
      number
      lifeCycleState
      paymentModel
      availableOperations
    }
  }
`);

export const VoidPaymentMutation = graphql(`
  mutation VoidPayment($input: VoidPaymentInput!) {
    voidPayment(input: $input) {
      __typename
      ... on VoidPaymentSuccess { payment { number lifeCycleState } }
      ... on Error { code message retryable }
    }
  }
`);

export const CancelPaymentMutation = graphql(`
  mutation CancelPayment($input: CancelPaymentInput!) {
    cancelPayment(input: $input) {
      __typename
      ... on CancelPaymentSuccess { payment { number lifeCycleState } }
      ... on Error { code message retryable }
    }
  }
`);
