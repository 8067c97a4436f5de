import { typedDocuments } from "../codegen-config";

/**
 * Typed documents for the operations in src/, from the committed schema.graphql, or with
 * SCHEMA_URL=http://localhost:4000/graphql and API_TOKEN=pay_… from the running API.
 */
export default typedDocuments();
