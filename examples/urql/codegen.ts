import { typedDocuments } from "../codegen-config";

/** Typed documents for the operations in src/; urql hands the whole answer back, so no fragment masking. */
export default typedDocuments({ fragmentMasking: false });
