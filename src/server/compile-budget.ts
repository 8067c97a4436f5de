import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

/**
 * The most fields a document may have to be compiled by graphql-jit. Compiling takes about
 * 0.1 to 0.4 ms of blocked event loop per field (measured on a shared 2-core machine: 250
 * fields of payment pages 25 to 60 ms, 1,000 aliases of them some 250 ms), once per document;
 * the operator console's and a frontend's documents have a few dozen fields. A bigger document
 * is executed by graphql-js, field by field, without compiling.
 */
export const COMPILE_BUDGET_FIELDS = 200;

/**
 * The fields graphql-jit compiles for an operation: every field and alias, each fragment spread
 * counted in full where it is spread (graphql-jit inlines fragments). Counting stops once it
 * passes `limit`; each fragment is measured once, so the time is linear in the document's size.
 */
export function compiledFieldCount(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, limit: number): number {
  const fragmentSizes = new Map<string, number>();
  const sizeOf = (selectionSet: SelectionSetNode): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += 1 + (selection.selectionSet ? sizeOf(selection.selectionSet) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += sizeOf(selection.selectionSet);
      } else {
        const name = selection.name.value;
        let size = fragmentSizes.get(name);
        if (size === undefined) {
          fragmentSizes.set(name, 0); // a cycle ends here (validation refuses it)
          const fragment = fragments.get(name);
          size = fragment ? sizeOf(fragment.selectionSet) : 0;
          fragmentSizes.set(name, size);
        }
        total += size;
      }
      if (total > limit) return total;
    }
    return total;
  };
  return sizeOf(operation.selectionSet);
}
