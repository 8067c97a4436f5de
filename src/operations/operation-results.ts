import type { Payment } from "../domain/payment.entity";
import type { PaymentOperationRecord } from "../domain/payment-operation-record.entity";
import type { PaymentCancellation } from "../domain/payment-cancellation.entity";

/**
 * The successes the operations answer, plain; their GraphQL types and the result unions are
 * declared in graphql/types/operation-result.types.ts.
 */
export class VoidPaymentSuccess {
  readonly __typename = "VoidPaymentSuccess" as const;

  payment!: Payment;
}

export class CancelPaymentSuccess {
  readonly __typename = "CancelPaymentSuccess" as const;

  payment!: Payment;

  cancellation!: PaymentCancellation;
}

export class RejectPaymentSuccess {
  readonly __typename = "RejectPaymentSuccess" as const;

  payment!: Payment;
}

export class ResolveOperationSuccess {
  readonly __typename = "ResolveOperationSuccess" as const;

  operation!: PaymentOperationRecord;

  payment!: Payment;
}
