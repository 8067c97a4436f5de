import { graphql } from "../gql";

/**
 * Checks a token when the tab signs in or reloads, and asks the API who it is and what it may
 * do: the console offers exactly the actions these permissions grant.
 */
export const ConsoleViewerQuery = graphql(`
  query ConsoleViewer {
    viewer {
      tokenPrefix
      reseller { code name }
      roles
      permissions
      kind
      expiresAt
    }
  }
`);
