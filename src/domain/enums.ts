/** Life cycle of a payment, as the vendors name it. REJECTED and CANCELLED are final. */
export enum PaymentState {
  DRAFT = "DRAFT",
  PENDING = "PENDING",
  AUTHORIZED = "AUTHORIZED",
  WAITING_FOR_PAYMENT = "WAITING_FOR_PAYMENT",
  POSTED = "POSTED",
  PENDING_VERIFICATION = "PENDING_VERIFICATION",
  CANCELLED = "CANCELLED",
  REJECTED = "REJECTED",
}

export enum PaymentModel {
  PREPAID = "PREPAID",
  POSTPAID = "POSTPAID",
}

/**
 * The vendor that holds a payment: the code of an installed vendor module (src/vendors), stored
 * on the payment and checked by the database against its vendor table.
 */
export type VendorCode = string;

export enum CurrencyLifeCycleState {
  EFFECTIVE = "EFFECTIVE",
  NOT_EFFECTIVE = "NOT_EFFECTIVE",
}

export enum PaymentCancellationState {
  /** Written before the vendor is called, so that every constraint is checked first; never shown as the payment's cancellation. */
  PENDING = "PENDING",
  POSTED = "POSTED",
}
