import type { VendorCode } from "../domain/enums";
import { reaches, type PaymentReach } from "../domain/reach";
import type { Stores } from "../stores/stores";
import { AppError, ErrorCode, errorOf } from "./operation-errors";
import { violatedConstraint } from "../database/database-failures";

/** The numbers of a cancellation record that are unique per vendor, as the resolve form names them. */
export type VendorNumberField = "number" | "referenceNumber";

const FIELD_WORDS: Record<VendorNumberField, string> = { number: "cancellation number", referenceNumber: "cancellation reference number" };

/** The cancellation that holds a vendor's number, when the caller may see its payment. */
export interface VendorNumberHolder {
  cancellationId: string;
  paymentNumber: string;
}

/**
 * A number entered for a vendor's cancellation record is already another cancellation's of the
 * same vendor: nothing was done. Never stored (a resolution's answer is not replayed), so it is
 * not among the stored result types.
 */
export class VendorNumberTakenError extends AppError {
  readonly __typename = "VendorNumberTakenError" as const;
  readonly code = ErrorCode.VENDOR_NUMBER_TAKEN;

  field!: string;

  number!: string;

  cancellationId!: string | null;

  paymentNumber!: string | null;

  static of(field: VendorNumberField, number: string, holder: VendorNumberHolder | null): VendorNumberTakenError {
    const by = holder ? `the cancellation of payment ${holder.paymentNumber}` : "another cancellation of this vendor";
    return errorOf(new VendorNumberTakenError(), `The vendor's ${FIELD_WORDS[field]} ${number} is already held by ${by}; nothing was done.`, false, {
      field: `cancellation.${field}`,
      number,
      cancellationId: holder?.cancellationId ?? null,
      paymentNumber: holder?.paymentNumber ?? null,
    });
  }
}

/** The numbers an operator entered, and whose cancellation they are for (its own numbers never clash with it). */
export interface EnteredVendorNumbers {
  vendorCode: VendorCode;
  operationId: string;
  number?: string | null;
  referenceNumber?: string | null;
}

/**
 * The cancellation of the same vendor, other than the operation's own, that already holds the
 * number or the reference number entered, as the typed error naming it (its payment only within
 * the caller's reach); null when neither is taken.
 */
export async function vendorNumberTaken(stores: Stores, entered: EnteredVendorNumbers, reach: PaymentReach): Promise<VendorNumberTakenError | null> {
  const number = entered.number ?? null;
  const referenceNumber = entered.referenceNumber ?? null;
  if (number === null && referenceNumber === null) return null;
  const holder = await stores.cancellations.holderOfVendorNumber(entered.vendorCode, entered.operationId, number, referenceNumber);
  if (!holder) return null;
  const field: VendorNumberField = number !== null && holder.number === number ? "number" : "referenceNumber";
  const visible = reaches(reach, holder.resellerId) ? { cancellationId: holder.id, paymentNumber: holder.paymentNumber } : null;
  return VendorNumberTakenError.of(field, (field === "number" ? number : referenceNumber)!, visible);
}

const CLASHES: Record<string, VendorNumberField> = {
  payment_cancellation_vendor_number_key: "number",
  payment_cancellation_vendor_reference_number_key: "referenceNumber",
};

/** Which vendor number a refused write clashed on (PostgreSQL's unique constraints), if it was one. */
export function clashedVendorNumber(error: unknown): VendorNumberField | null {
  return CLASHES[violatedConstraint(error) ?? ""] ?? null;
}
