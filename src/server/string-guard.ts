import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, visit, type DocumentNode } from "graphql";

/** Characters no PostgreSQL text can hold. */
// eslint-disable-next-line no-control-regex -- the NUL character is exactly what is refused
const FORBIDDEN = /\u0000/;

function hasForbiddenString(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return FORBIDDEN.test(value);
  if (depth > 50 || value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([key, inner]) => FORBIDDEN.test(key) || hasForbiddenString(inner, depth + 1));
}

/** Documents are cached by Apollo Server and handed again for the same text: each is looked at once. */
const judgedDocuments = new WeakMap<DocumentNode, boolean>();

function documentHasForbiddenString(document: DocumentNode): boolean {
  const judged = judgedDocuments.get(document);
  if (judged !== undefined) return judged;
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (FORBIDDEN.test(node.value)) found = true;
    },
  });
  judgedDocuments.set(document, found);
  return found;
}

/**
 * One check for every string argument and input field of every operation: a NUL character,
 * in a literal or in a variable, refuses the whole request as BAD_USER_INPUT before it runs.
 */
export function stringGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          if (documentHasForbiddenString(document) || hasForbiddenString(request.variables)) {
            throw new GraphQLError("Text must not contain NUL characters (U+0000).", {
              extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
