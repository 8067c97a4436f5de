import type { CategoryIdentifier, LookupIdentifier, PaymentIdentifier } from "../domain/identifiers";

/**
 * What the operations take: plain commands, whatever the transport. The GraphQL input classes
 * implement them (graphql/inputs/operation.inputs.ts).
 */
export interface PaymentOperationCommand {
  payment: PaymentIdentifier;
  /** Sending the same command with the same key again returns the first result. */
  idempotencyKey?: string;
}

export type VoidPaymentCommand = PaymentOperationCommand;

export interface RejectPaymentCommand extends PaymentOperationCommand {
  rejectionReason?: LookupIdentifier;
}

export interface CancelPaymentCommand extends PaymentOperationCommand {
  type: LookupIdentifier;
  category?: CategoryIdentifier;
  notes?: string;
  backOfficeCode?: string;
  issueReason?: string;
  udfString1?: string;
  udfString2?: string;
  udfString3?: string;
  udfString4?: string;
  udfString5?: string;
  udfString6?: string;
  udfString7?: string;
  udfString8?: string;
  /** Decimal text. */
  udfFloat1?: string;
  udfFloat2?: string;
  udfFloat3?: string;
  udfFloat4?: string;
  /** YYYY-MM-DD. */
  udfDate1?: string;
  udfDate2?: string;
  udfDate3?: string;
  udfDate4?: string;
}
