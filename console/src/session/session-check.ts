import { graphql } from "../gql";

/**
 * Checks a token when the tab signs in or reloads. The review permission (operators and admins)
 * is what tells a token that may act from a viewer's: a viewer's answer is FORBIDDEN.
 */
export const SessionCheckQuery = graphql(`
  query SessionCheck {
    operationsNeedingAttention(first: 1) {
      id
    }
  }
`);
