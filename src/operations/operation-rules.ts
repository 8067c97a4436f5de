import { PaymentModel } from "../domain/enums";
import type { Payment } from "../domain/payment.entity";
import type { VendorService } from "../vendors/vendor-service";
import { OperationNotSupportedError, PaymentStateError, PostpaidPaymentError, type OperationError } from "./operation-errors";
import { LIFE_CYCLE, PaymentOperation } from "../domain/payment-operation";

/**
 * The business rules an operation must pass for a payment, in the order a client should hear
 * about them: the vendor offers it, the payment is in a state the vendor accepts for it, and a
 * cancel is for a prepaid payment. `Payment.availableOperations` is the set that passes.
 */
export function operationRuleViolation(
  payment: Payment,
  operation: PaymentOperation,
  service: VendorService | undefined,
): OperationError | null {
  const allowedStates = service?.capabilities.get(operation);
  if (!allowedStates) return OperationNotSupportedError.of(payment.vendorCode, operation);
  if (!allowedStates.includes(payment.lifeCycleState)) {
    return PaymentStateError.of(payment.lifeCycleState, allowedStates, LIFE_CYCLE[operation].verb);
  }
  if (operation === PaymentOperation.CANCEL && payment.paymentModel === PaymentModel.POSTPAID && service!.rules.cancelsPrepaidOnly) {
    return PostpaidPaymentError.of();
  }
  return null;
}

export function availableOperations(payment: Payment, service: VendorService | undefined): PaymentOperation[] {
  return Object.values(PaymentOperation).filter((operation) => operationRuleViolation(payment, operation, service) === null);
}
