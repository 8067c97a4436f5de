import { typedDocuments } from "../codegen-config";

/** Typed documents for the operations the examples share, from schema.graphql or the running API. */
export default typedDocuments();
