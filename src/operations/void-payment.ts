import { entityById } from "../database/find-entities";
import { Permission } from "../access/roles";
import { Payment } from "../domain/payment.entity";
import type { VoidPaymentCommand } from "./operation-commands";
import type { OperationDefinition } from "./operation-definition";
import { VoidPaymentSuccess } from "./operation-results";
import { PaymentOperation } from "../domain/payment-operation";

/** Void: AUTHORIZED or PENDING → CANCELLED; the vendor releases the pre-authorisation. */
export const voidPayment: OperationDefinition<VoidPaymentCommand, Record<string, never>, VoidPaymentSuccess> = {
  operation: PaymentOperation.VOID,
  permission: Permission.PAYMENT_VOID,
  successTypename: "VoidPaymentSuccess",
  async prepare() {
    return { prepared: {}, vendorDetails: {} };
  },
  async applySuccess() {
    return {};
  },
  async loadSuccess(manager, stored) {
    return Object.assign(new VoidPaymentSuccess(), {
      payment: await entityById(manager, Payment, stored.paymentId),
    });
  },
};
