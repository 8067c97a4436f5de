import { registerEnumType } from "type-graphql";

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

/** The vendor that holds a payment; the value is the vendor code stored on the payment. */
export enum VendorCode {
  CONVERGEGATE = "convergegate",
  PLANOCORE = "planocore",
  ACTIVEPLATFORM = "activeplatform",
  CRMCOM = "crmcom",
}

export enum CurrencyLifeCycleState {
  EFFECTIVE = "EFFECTIVE",
  NOT_EFFECTIVE = "NOT_EFFECTIVE",
}

export enum PaymentCancellationState {
  /** Written before the vendor is called, so that every constraint is checked first; never shown as the payment's cancellation. */
  PENDING = "PENDING",
  POSTED = "POSTED",
}

registerEnumType(PaymentState, { name: "PaymentState", description: "Life cycle state of a payment" });
registerEnumType(PaymentModel, {
  name: "PaymentModel",
  description: "PREPAID, or POSTPAID when the payment is linked to postpaid invoices",
});
registerEnumType(VendorCode, { name: "VendorCode", description: "The payment vendor that holds the payment" });
registerEnumType(CurrencyLifeCycleState, { name: "CurrencyLifeCycleState" });
registerEnumType(PaymentCancellationState, { name: "PaymentCancellationState" });
