import type { AppDataSource } from "../../src/database/data-source";
import { PaymentState } from "../../src/domain/enums";
import { PaymentOperation } from "../../src/domain/payment-operation";
import { OperationStatus } from "../../src/domain/payment-operation-record.entity";
import {
  DuplicateBackOfficeCodeError,
  ERROR_TYPES,
  IdempotencyKeyReuseError,
  NotAuthorizedError,
  OperationFailedError,
  OperationInProgressError,
  OperationNeedsAttentionError,
  OperationNotAwaitingResolutionError,
  OperationNotFoundError,
  OperationNotSupportedError,
  PaymentNotFoundError,
  PaymentStateError,
  PostpaidPaymentError,
  ReferenceNotFoundError,
  ValidationError,
  VendorRejectedError,
  VendorUnavailableError,
  type OperationError,
} from "../../src/operations/operation-errors";
import { readStoredResult } from "../../src/operations/operation-completion";
import { PaymentDatabase } from "../../src/stores/stores";
import { PaymentOperationPipeline, type OperationActor } from "../../src/operations/operation-pipeline";
import { voidPayment } from "../../src/operations/void-payment";
import { VendorRegistry } from "../../src/vendors/vendor-registry";
import { openTestDatabase } from "../support/test-database";

/** One of every error type, as the operations build them. */
const SAMPLES: Record<keyof typeof ERROR_TYPES, OperationError> = {
  PaymentNotFoundError: PaymentNotFoundError.of(),
  PaymentStateError: PaymentStateError.of(PaymentState.POSTED, [PaymentState.AUTHORIZED, PaymentState.PENDING], "voided"),
  PostpaidPaymentError: PostpaidPaymentError.of(),
  OperationNotSupportedError: OperationNotSupportedError.of("planocore", PaymentOperation.REJECT),
  ReferenceNotFoundError: ReferenceNotFoundError.of("type", "financial transaction type"),
  DuplicateBackOfficeCodeError: DuplicateBackOfficeCodeError.of("BO-1"),
  ValidationError: ValidationError.of([{ field: "notes", message: "notes must be shorter" }]),
  OperationInProgressError: OperationInProgressError.of(PaymentOperation.CANCEL),
  IdempotencyKeyReuseError: IdempotencyKeyReuseError.of("key-1"),
  VendorRejectedError: VendorRejectedError.of("crmcom", "INVALID_PAYMENT_STATE", "no"),
  VendorUnavailableError: VendorUnavailableError.of("convergegate"),
  NotAuthorizedError: NotAuthorizedError.of("payment:void"),
  OperationNeedsAttentionError: OperationNeedsAttentionError.of("00000000-0000-4000-8000-000000000001", PaymentOperation.VOID),
  OperationFailedError: OperationFailedError.of("00000000-0000-4000-8000-000000000002", "vendor shows nothing"),
  OperationNotFoundError: OperationNotFoundError.of(),
  OperationNotAwaitingResolutionError: OperationNotAwaitingResolutionError.of(OperationStatus.SUCCEEDED),
};

let db: AppDataSource;
beforeAll(async () => {
  db = await openTestDatabase({ reset: false, seed: false });
});
afterAll(() => db.destroy());

describe("stored results", () => {
  it("has a sample of every error type", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(ERROR_TYPES).sort());
  });

  it.each(Object.entries(SAMPLES))("rebuilds a stored %s as the same typed error", async (typename, error) => {
    expect(error.__typename).toBe(typename);
    const [{ stored }] = await db.query(`SELECT $1::jsonb AS stored`, [JSON.stringify({ ...error })]);
    const rebuilt = await readStoredResult(new PaymentDatabase(db).stores, voidPayment, stored);
    expect(rebuilt).toBeInstanceOf(ERROR_TYPES[typename as keyof typeof ERROR_TYPES]);
    expect(rebuilt).toEqual(error);
    expect(rebuilt).toMatchObject({ __typename: typename, code: error.code });
  });

  it("types run() per operation: the operation's success or a typed error, told apart by __typename", async () => {
    const pipeline = new PaymentOperationPipeline(new PaymentDatabase(db), new VendorRegistry([]));
    const actor: OperationActor = { name: "t", resellerId: null, idempotencyScope: "t", reach: {} as OperationActor["reach"], permissions: new Set() };
    const result = await pipeline.run(voidPayment, { payment: { number: "1001" } }, actor);
    // Compiles only because the union narrows: a success has its payment, an error its code.
    const said = result.__typename === "VoidPaymentSuccess" ? result.payment.number : result.code;
    expect(said).toBe("NOT_AUTHORIZED");
  });
});
