import type { PaymentChange } from "../domain/payment-change";

/**
 * The committed changes of payments, as a subscription hears them. Whoever provides it (the
 * subscription server) keeps every change outside the caller's reach out, and checks the caller's
 * token again before each change it hands on.
 */
export interface LiveChanges {
  /** The changes within reach that `accept` keeps, in the order they commit, until the subscription ends. */
  changes(accept: (change: PaymentChange) => boolean): AsyncIterable<PaymentChange>;
}
