import { cancelPayment } from "./cancel-payment";
import type { AnyOperationDefinition } from "./operation-definition";
import { PaymentOperation } from "../domain/payment-operation";
import { rejectPayment } from "./reject-payment";
import { voidPayment } from "./void-payment";

/** The definition of each operation, for completing a recorded one (recovery). */
export const OPERATION_DEFINITIONS: Readonly<Record<PaymentOperation, AnyOperationDefinition>> = {
  [PaymentOperation.VOID]: voidPayment,
  [PaymentOperation.CANCEL]: cancelPayment,
  [PaymentOperation.REJECT]: rejectPayment,
};
