import type { PaymentState, VendorCode } from "../domain/enums";
import type { PaymentOperation } from "../domain/payment-operation";
import type { VendorOperationRequest } from "./vendor-requests";

export type {
  CancelRequest,
  OperationRequests,
  RejectRequest,
  VendorCancellationRequest,
  VendorOperationRequest,
  VendorPaymentReference,
  VoidRequest,
} from "./vendor-requests";

/** What the vendor said about the payment when the operation succeeded; every field is optional. */
export interface VendorSuccess {
  gatewayName?: string | null;
  gatewayReferenceNumber?: string | null;
  closedAt?: Date | null;
  /** For a cancel that creates a ledger record at the vendor (CRM.COM): that record's details. */
  cancellation?: {
    vendorId?: string | null;
    number?: string | null;
    referenceNumber?: string | null;
    issuedOn?: Date | null;
    postedOn?: Date | null;
    /** The amount the vendor cancelled, as decimal text (never a float). */
    amount?: string | null;
    gatewayName?: string | null;
    gatewayReferenceNumber?: string | null;
    /** The back office code the cancel was sent with (the caller's, or the one derived from our operation id). */
    backOfficeCode?: string | null;
    /** The currency rate period the vendor used, as it answered. */
    currencyRatePeriod?: VendorRatePeriodAnswer | null;
  };
}

/** A vendor's currency rate period: decimal texts as answered (within our columns), dates as calendar days YYYY-MM-DD. */
export interface VendorRatePeriodAnswer {
  id: string | null;
  rate: string | null;
  inverseRate: string | null;
  fromDate: string | null;
  toDate: string | null;
  currencyCode: string | null;
}

/**
 * Why a vendor refused. WRONG_STATE and POSTPAID become the product's own PaymentStateError and
 * PostpaidPaymentError; ALREADY_DONE (the payment is already in the target state, e.g. when an
 * earlier attempt succeeded but its answer was lost) counts as success; OTHER is VendorRejectedError.
 */
export type VendorRefusalReason = "WRONG_STATE" | "POSTPAID" | "ALREADY_DONE" | "OTHER";

/** The one outcome of forwarding an operation. */
export type VendorOutcome =
  | { kind: "succeeded"; details: VendorSuccess }
  | {
      kind: "refused";
      reason: VendorRefusalReason;
      vendorCode: string;
      vendorMessage: string;
      /** For ALREADY_DONE: what the vendor's own record says (a read-back), when it was asked. */
      details?: VendorSuccess;
    }
  /** Timeout, connection lost, 5xx, unreadable answer, open circuit: the operation may or may not have happened. */
  | { kind: "unknown"; cause: string };

/** The payment's state as the vendor reports it when asked, compared with the operation's target. */
export type VendorPaymentState =
  | { kind: "done"; details: VendorSuccess }
  | { kind: "not-done"; vendorStatus: string }
  | { kind: "unknown"; cause: string };

/**
 * What makes sending an operation again after an unknown outcome safe, from the vendor's page:
 * - "state-transition": the operation moves the payment out of the only state it starts from, so a
 *   repeat cannot act twice; but a refusal of the repeat cannot tell "done before" from "never
 *   possible", so it needs a read-back or an operator, and is never stored REFUSED.
 * - "read-back": the vendor's payment can be read back, which settles a refused repeat.
 * - "repeat-key": the request carries a key unique to the operation that the vendor refuses to
 *   take twice (CRM.COM's back_office_code), so a repeat cannot create a second record.
 * - "none": nothing: after an unknown outcome an operator decides, never a blind re-send.
 */
export type RepeatSafety = "state-transition" | "read-back" | "repeat-key" | "none";

/** One implementation per vendor, chosen by the payment's vendor code from the registry. */
export interface VendorService {
  readonly vendor: VendorCode;
  /** Operations the vendor supports and, for each, the payment states it accepts. */
  readonly capabilities: ReadonlyMap<PaymentOperation, readonly PaymentState[]>;
  /** The vendor's documented rules beyond states. */
  readonly rules: Readonly<VendorRules>;
  /** What makes a re-send of this operation after an unknown outcome safe; "none" for one the vendor does not offer. */
  repeatSafety(operation: PaymentOperation): RepeatSafety;
  /** Forwards one operation; never throws for a vendor failure: every failure is an outcome. */
  perform(request: VendorOperationRequest): Promise<VendorOutcome>;
  /**
   * Asks the vendor whether the operation's effect is in place (only where the vendor's API can
   * read a payment: ActivePlatform). Used to settle a refused repeat after an unknown outcome.
   */
  readPaymentState?(request: VendorOperationRequest): Promise<VendorPaymentState>;
}

/** Each vendor's documented rules beyond states. */
export interface VendorRules {
  /** Cancels only prepaid payments (ActivePlatform: "not linked to postpaid Invoices"). */
  cancelsPrepaidOnly: boolean;
  /** A cancel creates the vendor's own cancellation record (number, reference, id), which ours keeps. */
  issuesCancellationRecord: boolean;
}

/** Rules of a vendor that documents none beyond states. */
export const PLAIN_RULES: Readonly<VendorRules> = { cancelsPrepaidOnly: false, issuesCancellationRecord: false };
