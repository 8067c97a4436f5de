import { typedDocuments } from "../codegen-config";

/** Typed documents for the operations in src/ (TypedDocumentNode, which Apollo Client takes as is). */
export default typedDocuments();
