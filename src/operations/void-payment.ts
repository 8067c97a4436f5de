import { Permission } from "../access/roles";
import { VoidPaymentCommand } from "./commands/operation-commands";
import type { OperationDefinition } from "./operation-definition";
import { VoidPaymentSuccess } from "./operation-results";
import { PaymentOperation } from "../domain/payment-operation";

/** Void: AUTHORIZED or PENDING → CANCELLED; the vendor releases the pre-authorisation. */
export const voidPayment: OperationDefinition<VoidPaymentCommand, Record<string, never>, VoidPaymentSuccess, PaymentOperation.VOID> = {
  operation: PaymentOperation.VOID,
  command: VoidPaymentCommand,
  permission: Permission.PAYMENT_VOID,
  successTypename: "VoidPaymentSuccess",
  async prepare() {
    return { prepared: {}, vendorDetails: {} };
  },
  async applySuccess() {
    return {};
  },
  async loadSuccess(stores, stored, written) {
    return Object.assign(new VoidPaymentSuccess(), { payment: written?.payment ?? (await stores.payments.byId(stored.paymentId)) });
  },
};
