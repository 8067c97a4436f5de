import { Currency } from "./currency.entity";
import { CurrencyRatePeriod } from "./currency-rate-period.entity";
import { FinancialTransactionCategory, FinancialTransactionType, RejectionReason } from "./lookups.entity";
import { Payment } from "./payment.entity";
import { PaymentCancellation } from "./payment-cancellation.entity";
import { PaymentEvent } from "./payment-event.entity";
import { OperationStatus, PaymentOperationRecord } from "./payment-operation-record.entity";
import { Reseller } from "./reseller.entity";

export * from "./enums";
export {
  OperationStatus,
  PaymentOperationRecord,
  Currency,
  CurrencyRatePeriod,
  FinancialTransactionCategory,
  FinancialTransactionType,
  Payment,
  PaymentCancellation,
  PaymentEvent,
  RejectionReason,
  Reseller,
};

export const ENTITIES = [
  Reseller,
  Currency,
  CurrencyRatePeriod,
  FinancialTransactionType,
  FinancialTransactionCategory,
  RejectionReason,
  Payment,
  PaymentCancellation,
  PaymentEvent,
  PaymentOperationRecord,
];
