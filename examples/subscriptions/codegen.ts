import { typedDocuments } from "../codegen-config";

/** Typed documents for live.graphql, from schema.graphql or the running API. */
export default typedDocuments(["live.graphql"]);
