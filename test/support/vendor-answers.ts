/**
 * Vendor answers in the vendor's own shape, for an emulator's `answerWith` switch: what a real
 * vendor may say where the tests need a particular record.
 */

/** CRM.COM's answer to a cancel: status OK, the payment and the cancellation record it created. */
export function crmComCancelled(payment: Record<string, unknown>, cancellation: Record<string, unknown>) {
  return { status: 200, body: { status: { code: "OK", message: null, description: null }, data: { payment, payment_cancellation: cancellation } } };
}
