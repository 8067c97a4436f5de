import { PaymentModel, type PaymentState, type VendorCode } from "../domain/enums";
import { type OperationStatus } from "../domain/payment-operation-record.entity";
import { type PaymentOperation } from "../domain/payment-operation";

/** Machine-readable kind of an expected failure; clients switch on `__typename` or `code`. */
export enum ErrorCode {
  PAYMENT_NOT_FOUND = "PAYMENT_NOT_FOUND",
  PAYMENT_STATE = "PAYMENT_STATE",
  POSTPAID_PAYMENT = "POSTPAID_PAYMENT",
  OPERATION_NOT_SUPPORTED = "OPERATION_NOT_SUPPORTED",
  REFERENCE_NOT_FOUND = "REFERENCE_NOT_FOUND",
  DUPLICATE_BACK_OFFICE_CODE = "DUPLICATE_BACK_OFFICE_CODE",
  VALIDATION = "VALIDATION",
  OPERATION_IN_PROGRESS = "OPERATION_IN_PROGRESS",
  IDEMPOTENCY_KEY_REUSE = "IDEMPOTENCY_KEY_REUSE",
  VENDOR_REJECTED = "VENDOR_REJECTED",
  VENDOR_UNAVAILABLE = "VENDOR_UNAVAILABLE",
  NOT_AUTHORIZED = "NOT_AUTHORIZED",
  OPERATION_NEEDS_ATTENTION = "OPERATION_NEEDS_ATTENTION",
  OPERATION_FAILED = "OPERATION_FAILED",
  OPERATION_NOT_FOUND = "OPERATION_NOT_FOUND",
  OPERATION_NOT_AWAITING_RESOLUTION = "OPERATION_NOT_AWAITING_RESOLUTION",
  VENDOR_NUMBER_TAKEN = "VENDOR_NUMBER_TAKEN",
  RESELLER_NOT_FOUND = "RESELLER_NOT_FOUND",
  CURRENCY_NOT_FOUND = "CURRENCY_NOT_FOUND",
  PAYMENT_CONFLICT = "PAYMENT_CONFLICT",
  PAYMENT_STATE_MOVE = "PAYMENT_STATE_MOVE",
  RESELLER_CYCLE = "RESELLER_CYCLE",
  RATE_PERIOD_OVERLAP = "RATE_PERIOD_OVERLAP",
  REFERENCE_CONFLICT = "REFERENCE_CONFLICT",
}

/** What every error has: GraphQL shows it as `interface Error` (graphql/types/operation-error.types.ts). */
export abstract class AppError {
  /** The GraphQL type name, a constant of each class: unions resolve by it and stored results are rebuilt from it. */
  abstract readonly __typename: string;

  abstract readonly code: ErrorCode;

  message!: string;

  retryable!: boolean;
}

export function errorOf<T extends AppError>(target: T, message: string, retryable: boolean, fields: Partial<T>): T {
  return Object.assign(target, { message, retryable }, fields);
}

export class PaymentNotFoundError extends AppError {
  readonly __typename = "PaymentNotFoundError" as const;
  readonly code = ErrorCode.PAYMENT_NOT_FOUND;

  static of(): PaymentNotFoundError {
    return errorOf(new PaymentNotFoundError(), "No payment matches the identifier.", false, {});
  }
}

const STATE_WORDS: Record<PaymentState, string> = {
  DRAFT: "draft",
  PENDING: "pending",
  AUTHORIZED: "authorized",
  WAITING_FOR_PAYMENT: "waiting for payment",
  POSTED: "posted",
  PENDING_VERIFICATION: "pending verification",
  CANCELLED: "cancelled",
  REJECTED: "rejected",
};

export class PaymentStateError extends AppError {
  readonly __typename = "PaymentStateError" as const;
  readonly code = ErrorCode.PAYMENT_STATE;

  currentState!: PaymentState;

  allowedStates!: PaymentState[];

  static of(currentState: PaymentState, allowedStates: readonly PaymentState[], verb: string): PaymentStateError {
    const words = allowedStates.map((s) => `"${STATE_WORDS[s]}"`).join(" or ");
    return errorOf(new PaymentStateError(), `Only payments with ${words} status can be ${verb}.`, false, {
      currentState,
      allowedStates: [...allowedStates],
    });
  }
}

export class PostpaidPaymentError extends AppError {
  readonly __typename = "PostpaidPaymentError" as const;
  readonly code = ErrorCode.POSTPAID_PAYMENT;

  paymentModel!: PaymentModel;

  static of(): PostpaidPaymentError {
    return errorOf(new PostpaidPaymentError(), "Only payments for prepaid payment model can be cancelled.", false, {
      paymentModel: PaymentModel.POSTPAID,
    });
  }
}

export class OperationNotSupportedError extends AppError {
  readonly __typename = "OperationNotSupportedError" as const;
  readonly code = ErrorCode.OPERATION_NOT_SUPPORTED;

  vendor!: VendorCode;

  operation!: PaymentOperation;

  static of(vendor: VendorCode, operation: PaymentOperation): OperationNotSupportedError {
    return errorOf(new OperationNotSupportedError(), `The vendor ${vendor} does not support ${operation.toLowerCase()} operations.`, false, { vendor, operation });
  }
}

export class ReferenceNotFoundError extends AppError {
  readonly __typename = "ReferenceNotFoundError" as const;
  readonly code = ErrorCode.REFERENCE_NOT_FOUND;

  field!: string;

  static of(field: string, what: string): ReferenceNotFoundError {
    return errorOf(new ReferenceNotFoundError(), `No ${what} matches \`${field}\`.`, false, { field });
  }
}

export class DuplicateBackOfficeCodeError extends AppError {
  readonly __typename = "DuplicateBackOfficeCodeError" as const;
  readonly code = ErrorCode.DUPLICATE_BACK_OFFICE_CODE;

  backOfficeCode!: string;

  static of(backOfficeCode: string): DuplicateBackOfficeCodeError {
    return errorOf(new DuplicateBackOfficeCodeError(), "The back office code is already used by another payment cancellation.", false, { backOfficeCode });
  }
}

export class FieldError {
  field!: string;

  message!: string;
}

export class ValidationError extends AppError {
  readonly __typename = "ValidationError" as const;
  readonly code = ErrorCode.VALIDATION;

  fieldErrors!: FieldError[];

  static of(fieldErrors: FieldError[]): ValidationError {
    return errorOf(new ValidationError(), `Invalid input: ${fieldErrors.map((e) => `${e.field}: ${e.message}`).join("; ")}`, false, { fieldErrors });
  }
}

export class OperationInProgressError extends AppError {
  readonly __typename = "OperationInProgressError" as const;
  readonly code = ErrorCode.OPERATION_IN_PROGRESS;

  operation!: PaymentOperation;

  static of(operation: PaymentOperation): OperationInProgressError {
    return errorOf(new OperationInProgressError(), `A ${operation.toLowerCase()} operation on this payment is in progress; try again shortly.`, true, { operation });
  }
}

export class IdempotencyKeyReuseError extends AppError {
  readonly __typename = "IdempotencyKeyReuseError" as const;
  readonly code = ErrorCode.IDEMPOTENCY_KEY_REUSE;

  idempotencyKey!: string;

  static of(idempotencyKey: string): IdempotencyKeyReuseError {
    return errorOf(new IdempotencyKeyReuseError(), "This idempotency key was already used with a different request: use a new key for a new request.", false, { idempotencyKey });
  }
}

export class VendorRejectedError extends AppError {
  readonly __typename = "VendorRejectedError" as const;
  readonly code = ErrorCode.VENDOR_REJECTED;

  vendor!: VendorCode;

  vendorCode!: string;

  vendorMessage!: string;

  static of(vendor: VendorCode, vendorCode: string, vendorMessage: string): VendorRejectedError {
    return errorOf(new VendorRejectedError(), `The vendor ${vendor} refused the operation.`, false, {
      vendor,
      vendorCode,
      vendorMessage,
    });
  }
}

export class VendorUnavailableError extends AppError {
  readonly __typename = "VendorUnavailableError" as const;
  readonly code = ErrorCode.VENDOR_UNAVAILABLE;

  vendor!: VendorCode;

  static of(vendor: VendorCode): VendorUnavailableError {
    return errorOf(new VendorUnavailableError(), `The vendor ${vendor} did not answer; the operation will be completed once it does.`, true, { vendor });
  }
}

export class NotAuthorizedError extends AppError {
  readonly __typename = "NotAuthorizedError" as const;
  readonly code = ErrorCode.NOT_AUTHORIZED;

  permission!: string;

  static of(permission: string): NotAuthorizedError {
    return errorOf(new NotAuthorizedError(), `This token lacks the ${permission} permission.`, false, { permission });
  }
}

export class OperationNeedsAttentionError extends AppError {
  readonly __typename = "OperationNeedsAttentionError" as const;
  readonly code = ErrorCode.OPERATION_NEEDS_ATTENTION;

  operationId!: string;

  operation!: PaymentOperation;

  static of(operationId: string, operation: PaymentOperation): OperationNeedsAttentionError {
    return errorOf(new OperationNeedsAttentionError(), `The ${operation.toLowerCase()} operation could not be settled automatically; an operator will resolve it.`, false, { operationId, operation });
  }
}

export class OperationFailedError extends AppError {
  readonly __typename = "OperationFailedError" as const;
  readonly code = ErrorCode.OPERATION_FAILED;

  operationId!: string;

  note!: string;

  static of(operationId: string, note: string): OperationFailedError {
    return errorOf(new OperationFailedError(), "An operator settled this operation as failed; the payment was not changed.", false, { operationId, note });
  }
}

export class OperationNotFoundError extends AppError {
  readonly __typename = "OperationNotFoundError" as const;
  readonly code = ErrorCode.OPERATION_NOT_FOUND;

  static of(): OperationNotFoundError {
    return errorOf(new OperationNotFoundError(), "No operation has this id.", false, {});
  }
}

export class OperationNotAwaitingResolutionError extends AppError {
  readonly __typename = "OperationNotAwaitingResolutionError" as const;
  readonly code = ErrorCode.OPERATION_NOT_AWAITING_RESOLUTION;

  status!: OperationStatus;

  static of(status: OperationStatus): OperationNotAwaitingResolutionError {
    return errorOf(new OperationNotAwaitingResolutionError(), `The operation is ${status}; only an operation that needs attention can be resolved.`, false, { status });
  }
}

/** Every error class by GraphQL type name: stored results are read back into them. */
export const ERROR_TYPES = {
  PaymentNotFoundError,
  PaymentStateError,
  PostpaidPaymentError,
  OperationNotSupportedError,
  ReferenceNotFoundError,
  DuplicateBackOfficeCodeError,
  ValidationError,
  OperationInProgressError,
  IdempotencyKeyReuseError,
  VendorRejectedError,
  VendorUnavailableError,
  NotAuthorizedError,
  OperationNeedsAttentionError,
  OperationFailedError,
  OperationNotFoundError,
  OperationNotAwaitingResolutionError,
} as const;
export type OperationError = InstanceType<(typeof ERROR_TYPES)[keyof typeof ERROR_TYPES]>;
