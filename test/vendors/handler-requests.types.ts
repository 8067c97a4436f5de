/**
 * Checked by `npm run typecheck`, never run: each handler is given its own operation's request,
 * so a handler cannot read another operation's fields. Every `@ts-expect-error` below must be an
 * error; if one stops being one, the typecheck fails.
 */
import { PaymentState } from "../../src/domain/enums";
import { PaymentOperation } from "../../src/domain/payment-operation";
import { PLAIN_RULES, vendorProfile, type OperationHandler, type VendorConnection } from "../../src/vendors/vendor-module";
import type { CancelRequest, OperationRequests, RejectRequest, VendorOutcome, VoidRequest } from "../../src/vendors/vendor-service";

const done: VendorOutcome = { kind: "succeeded", details: {} };

export const voidHandler: OperationHandler<PaymentOperation.VOID> = {
  from: [PaymentState.AUTHORIZED],
  repeatSafety: "state-transition",
  async perform(request) {
    void request.payment.vendorPaymentId;
    // @ts-expect-error a void's request has no cancellation
    void request.cancellation;
    // @ts-expect-error a void's request has no rejection
    void request.rejection;
    return done;
  },
};

export const cancelHandler: OperationHandler<PaymentOperation.CANCEL> = {
  from: [PaymentState.POSTED],
  repeatSafety: "repeat-key",
  async perform(request) {
    void request.cancellation.type.alternativeCode;
    // @ts-expect-error a cancel's request has no rejection
    void request.rejection;
    return done;
  },
};

export const rejectHandler: OperationHandler<PaymentOperation.REJECT> = {
  from: [PaymentState.DRAFT],
  repeatSafety: "state-transition",
  async perform(request) {
    void request.rejection.reason;
    // @ts-expect-error a reject's request has no cancellation
    void request.cancellation;
    return done;
  },
};

/** A handler written for a cancel does not fit under VOID, nor a void's under CANCEL. */
export const misplaced = vendorProfile<VendorConnection>({
  code: "misplaced",
  title: "Misplaced",
  rules: PLAIN_RULES,
  paymentIdFormat: null,
  operations: {
    // @ts-expect-error CANCEL's handler reads the cancellation, which a void's request does not carry
    [PaymentOperation.VOID]: cancelHandler,
    // @ts-expect-error a void's handler is not a cancel's
    [PaymentOperation.CANCEL]: { ...voidHandler, perform: async (_request: VoidRequest) => done },
  },
});

/** The request a handler is given is exactly its operation's. */
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const requestsByOperation: [
  Exactly<OperationRequests[PaymentOperation.VOID], VoidRequest>,
  Exactly<OperationRequests[PaymentOperation.CANCEL], CancelRequest>,
  Exactly<OperationRequests[PaymentOperation.REJECT], RejectRequest>,
] = [true, true, true];
