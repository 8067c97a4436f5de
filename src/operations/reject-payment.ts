import { Permission } from "../access/roles";
import { RejectionReason } from "../domain/lookups.entity";
import { RejectPaymentCommand } from "./commands/operation-commands";
import type { OperationDefinition } from "./operation-definition";
import { ReferenceNotFoundError } from "./operation-errors";
import { RejectPaymentSuccess } from "./operation-results";
import { PaymentOperation } from "../domain/payment-operation";

/** Reject: DRAFT → REJECTED, keeping the rejection reason on the payment. */
export const rejectPayment: OperationDefinition<RejectPaymentCommand, { rejectionReasonId: string | null }, RejectPaymentSuccess, PaymentOperation.REJECT> = {
  operation: PaymentOperation.REJECT,
  command: RejectPaymentCommand,
  permission: Permission.PAYMENT_REJECT,
  successTypename: "RejectPaymentSuccess",
  async prepare(stores, _payment, input) {
    const reason = input.rejectionReason ? await stores.reference.lookup(RejectionReason, input.rejectionReason) : null;
    if (input.rejectionReason && !reason) return ReferenceNotFoundError.of("rejectionReason", "rejection reason");
    return {
      prepared: { rejectionReasonId: reason?.id ?? null },
      vendorDetails: { rejection: { reason: reason ? { name: reason.name, alternativeCode: reason.alternativeCode } : null } },
    };
  },
  paymentChanges(prepared) {
    return { rejectionReasonId: prepared.rejectionReasonId };
  },
  async applySuccess() {
    return {};
  },
  async loadSuccess(stores, stored, written) {
    return Object.assign(new RejectPaymentSuccess(), { payment: written?.payment ?? (await stores.payments.byId(stored.paymentId)) });
  },
};
