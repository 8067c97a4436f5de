import { cancelPayment } from "./cancel-payment";
import type { OperationDefinition } from "./operation-definition";
import { PaymentOperation } from "../domain/payment-operation";
import { rejectPayment } from "./reject-payment";
import { voidPayment } from "./void-payment";

/** The definition of each operation, for completing a recorded one (recovery). */
export const OPERATION_DEFINITIONS: Readonly<Record<PaymentOperation, OperationDefinition<never, never>>> = {
  [PaymentOperation.VOID]: voidPayment as OperationDefinition<never, never>,
  [PaymentOperation.CANCEL]: cancelPayment as unknown as OperationDefinition<never, never>,
  [PaymentOperation.REJECT]: rejectPayment as unknown as OperationDefinition<never, never>,
};
