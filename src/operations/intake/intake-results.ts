import type { PaymentState } from "../../domain/enums";
import type { Payment } from "../../domain/payment.entity";
import { AppError, ErrorCode, errorOf } from "../operation-errors";

/** What recording a payment did. */
export enum RecordChange {
  CREATED = "CREATED",
  UPDATED = "UPDATED",
  UNCHANGED = "UNCHANGED",
}

/** A payment recorded: created, updated by a later report, or already as reported. */
export class PaymentRecorded {
  readonly __typename = "PaymentRecorded" as const;

  payment!: Payment;

  change!: RecordChange;
}

/** No reseller with the code within the caller's reach (one outside it answers the same). */
export class ResellerNotFoundError extends AppError {
  readonly __typename = "ResellerNotFoundError" as const;
  readonly code = ErrorCode.RESELLER_NOT_FOUND;

  resellerCode!: string;

  static of(resellerCode: string): ResellerNotFoundError {
    return errorOf(new ResellerNotFoundError(), `No reseller with the code "${resellerCode}" is within your reach.`, false, { resellerCode });
  }
}

export class CurrencyNotFoundError extends AppError {
  readonly __typename = "CurrencyNotFoundError" as const;
  readonly code = ErrorCode.CURRENCY_NOT_FOUND;

  currencyCode!: string;

  static of(currencyCode: string): CurrencyNotFoundError {
    return errorOf(new CurrencyNotFoundError(), `No currency has the code "${currencyCode}".`, false, { currencyCode });
  }
}

/**
 * What was recorded clashes with another payment (it holds the number, reference number or back
 * office code), or with what the payment was recorded with (a number, amount, currency, model,
 * issue time or reseller does not change).
 */
export class PaymentConflictError extends AppError {
  readonly __typename = "PaymentConflictError" as const;
  readonly code = ErrorCode.PAYMENT_CONFLICT;

  field!: string;

  /** The number of the other payment holding the value, when the caller reaches it. */
  otherPaymentNumber!: string | null;

  static heldByAnother(field: string, value: string, otherPaymentNumber: string | null): PaymentConflictError {
    const by = otherPaymentNumber ? `payment ${otherPaymentNumber}` : "another payment";
    return errorOf(new PaymentConflictError(), `The ${field} "${value}" already belongs to ${by}; nothing was recorded.`, false, { field, otherPaymentNumber });
  }

  static changed(field: string, recorded: string): PaymentConflictError {
    return errorOf(new PaymentConflictError(), `The payment was recorded with ${field} "${recorded}", which does not change; nothing was recorded.`, false, {
      field,
      otherPaymentNumber: null,
    });
  }
}

/** The state reported is not one the recorded state moves to (docs/payments-in.md, the table of reported moves). */
export class PaymentStateMoveError extends AppError {
  readonly __typename = "PaymentStateMoveError" as const;
  readonly code = ErrorCode.PAYMENT_STATE_MOVE;

  currentState!: PaymentState;

  reportedState!: PaymentState;

  allowedStates!: PaymentState[];

  static of(currentState: PaymentState, reportedState: PaymentState, allowedStates: readonly PaymentState[]): PaymentStateMoveError {
    const moves = allowedStates.length > 0 ? `it moves only to ${allowedStates.join(", ")}` : "it is final";
    return errorOf(new PaymentStateMoveError(), `A ${currentState} payment cannot be reported ${reportedState}: ${moves}.`, false, {
      currentState,
      reportedState,
      allowedStates: [...allowedStates],
    });
  }
}
