import { registerEnumType } from "type-graphql";
import { CurrencyLifeCycleState, PaymentCancellationState, PaymentModel, PaymentState } from "../../domain/enums";
import { PaymentOperation } from "../../domain/payment-operation";

// The domain's enums as GraphQL declares them. The domain does not import GraphQL for them, so
// that what the start needs first (the settings, the vendors) loads without type-graphql; the
// schema (src/graphql/schema.ts) imports this file before it is built.
registerEnumType(PaymentState, { name: "PaymentState", description: "Life cycle state of a payment" });
registerEnumType(PaymentModel, {
  name: "PaymentModel",
  description: "PREPAID, or POSTPAID when the payment is linked to postpaid invoices",
});
registerEnumType(CurrencyLifeCycleState, { name: "CurrencyLifeCycleState" });
registerEnumType(PaymentCancellationState, { name: "PaymentCancellationState" });
registerEnumType(PaymentOperation, { name: "PaymentOperation", description: "An operation on a payment" });
