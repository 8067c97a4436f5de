import { type PaymentOperation } from "../domain/payment-operation";

/** The payment as the vendor knows it. */
export interface VendorPaymentReference {
  /** The vendor's own id of the payment (ConvergeGate: 32 letters/digits; PlanoCore, ActivePlatform: a number). */
  vendorPaymentId: string;
  /** The vendor's id of the reseller that owns the payment (ActivePlatform's `reseller_id`), when the vendor has one. */
  vendorResellerId: string | null;
  number: string;
  referenceNumber: string;
  backOfficeCode: string | null;
}

/** The ledger record a cancel asks the vendor to create (CRM.COM `payments/cancel` fields). */
export interface VendorCancellationRequest {
  type: { name: string; alternativeCode: string };
  category: { name: string; code: string } | null;
  notes: string | null;
  /** The caller's code; null: a vendor whose repeat key it is (CRM.COM) is sent one derived from the operation id. */
  backOfficeCode: string | null;
  issueReason: string | null;
  /** udfString1..8, udfFloat1..4 (decimal strings), udfDate1..4 (YYYY-MM-DD); only the given ones. */
  userDefinedFields: Record<string, string>;
}

/** What every operation's request holds. The same request may be sent again (recovery): see RepeatSafety. */
interface RequestOf<Op extends PaymentOperation> {
  /** Our id of the operation: stable across retries of the same operation. */
  operationId: string;
  operation: Op;
  payment: VendorPaymentReference;
}

/** A void: the payment alone. */
export type VoidRequest = RequestOf<PaymentOperation.VOID>;

/** A cancel: the payment and the cancellation record to create. */
export interface CancelRequest extends RequestOf<PaymentOperation.CANCEL> {
  cancellation: VendorCancellationRequest;
}

/** A reject: the payment and the reason, when one was given. */
export interface RejectRequest extends RequestOf<PaymentOperation.REJECT> {
  rejection: { reason: { name: string; alternativeCode: string } | null };
}

/** Each operation's request: a handler of one operation sees that operation's fields only. */
export interface OperationRequests {
  [PaymentOperation.VOID]: VoidRequest;
  [PaymentOperation.CANCEL]: CancelRequest;
  [PaymentOperation.REJECT]: RejectRequest;
}

/** One operation to forward, told apart by `operation`. */
export type VendorOperationRequest = OperationRequests[PaymentOperation];

/** What an operation adds to the payment in its request (a cancel's cancellation, a reject's rejection). */
export type OperationDetails<Op extends PaymentOperation> = Op extends PaymentOperation ? Omit<OperationRequests[Op], keyof RequestOf<Op>> : never;

/** The request of an operation: its common part and the operation's own details. */
export function operationRequest<Op extends PaymentOperation>(
  operation: Op,
  common: Omit<RequestOf<Op>, "operation">,
  details: OperationDetails<Op>,
): OperationRequests[Op] {
  // The details were typed by the same operation: together they are that operation's request.
  return { ...common, operation, ...details } as unknown as OperationRequests[Op];
}
