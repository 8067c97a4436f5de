import "reflect-metadata";
import { createAccessToken } from "../../src/access/access-tokens";
import { permissionsOf } from "../../src/access/roles";
import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { INSTALLED_VENDORS } from "../../src/vendors/installed-vendors";
import { CancelPaymentInput } from "../../src/graphql/inputs/operation.inputs";
import { PaymentIdentifierInput, FinancialTransactionTypeIdentifierInput } from "../../src/graphql/inputs/identifiers.input";
import { cancelPayment } from "../../src/operations/cancel-payment";
import { OperationRecovery } from "../../src/operations/operation-recovery";
import { PaymentOperationPipeline, type OperationActor } from "../../src/operations/operation-pipeline";
import { snapshotDatabase } from "../support/test-database";
import { startTestApi, type TestApi } from "../support/test-api";
import { CANCEL_MUTATION, demoPayment, PAYMENT_TYPE, RESULT_FIELDS, VOID_MUTATION } from "../support/operations";
import { crmComCancelled } from "../support/vendor-answers";

let api: TestApi;
let recovery: OperationRecovery;

/** Each group of tests on a fresh database and fresh emulators: the demo data has few payments of each kind. */
function freshApiPerGroup() {
  beforeAll(async () => {
    api = await startTestApi({ VENDOR_TIMEOUT_MS: "1000", VENDOR_RETRIES: "0", VENDOR_BREAKER_FAILURES: "1000" });
    recovery = new OperationRecovery(api.db, api.operations, { leaseMs: 60_000, intervalMs: 1000, batchSize: 50 });
  });
  afterAll(() => api.close());
  afterEach(() => {
    for (const vendor of INSTALLED_VENDORS.map((module) => module.code)) api.emulator(vendor).clearFaults();
  });
}

const ADMIN: OperationActor = { name: "test-admin", resellerId: null, idempotencyScope: "test", reach: { resellerIds: "all" }, permissions: permissionsOf(["admin"]) };

const PENDING_OPERATION = `query($number: String!) { payment(identifier: { number: $number }) {
  lifeCycleState availableOperations
  pendingOperation { id operation status attempts lastError nextAttemptAt }
  cancellation { number referenceNumber vendorRecordKnown vendorId postedOn amount vendorAmount }
  events { type actor detail fromState toState vendorOutcome } } }`;

const RESOLVE = `mutation($input: ResolveOperationInput!) { resolveOperation(input: $input) {
  __typename ... on Error { code message }
  ... on OperationNotAwaitingResolutionError { status }
  ... on VendorNumberTakenError { field number cancellationId paymentNumber }
  ... on ValidationError { fieldErrors { field message } }
  ... on ResolveOperationSuccess { operation { id status attempts lastError } payment { lifeCycleState availableOperations pendingOperation { id } } } } }`;

const ATTENTION_LIST = `{ operationsNeedingAttention { id operation status lastError payment { number } } }`;

async function operationsOf(paymentNumber: string): Promise<Array<{ status: string; result: any; attempts: number }>> {
  return api.dataSource.query(
    `SELECT o.status, o.result, o.attempts FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = $1 ORDER BY o.created_at`,
    [paymentNumber],
  );
}

const paymentOf = async (number: string) => (await api.graphql(PENDING_OPERATION, { number })).data.payment;

function cancelInput(number: string, fields: Record<string, unknown>): CancelPaymentInput {
  return Object.assign(new CancelPaymentInput(), {
    payment: Object.assign(new PaymentIdentifierInput(), { number }),
    type: Object.assign(new FinancialTransactionTypeIdentifierInput(), PAYMENT_TYPE),
    ...fields,
  });
}

describe("phase 1 writes what phase 3 will write, before the vendor is called", () => {
  freshApiPerGroup();

  it.each([
    ["a NUL character in the notes", { notes: "entered\u0000twice" }],
    ["a NUL character in a user defined text", { udfString3: "a\u0000b" }],
  ])("refuses %s as a typed ValidationError, calls no vendor and changes nothing", async (_name, fields) => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 0);
    const before = await snapshotDatabase(api.dataSource);
    const calls = api.emulator("crmcom").callCount();
    // Straight to the pipeline: whatever the command's rules let through, PostgreSQL judges the pending cancellation.
    const result = await api.operations.run(cancelPayment, cancelInput(payment.number, fields), ADMIN);
    expect(result).toMatchObject({ code: "VALIDATION", fieldErrors: [expect.objectContaining({ message: expect.stringMatching(/nothing was done/) })] });
    expect(result.constructor.name).toBe("ValidationError");
    // Words only: no SQLSTATE, constraint name or value of PostgreSQL's.
    expect(JSON.stringify(result)).not.toMatch(/SQLSTATE|\[\w{5}\]|22008|22021|_key\b|\\u0000/);
    expect(api.emulator("crmcom").callCount()).toBe(calls);
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });


  it("over GraphQL too: a year-0 udfDate1 is refused before the vendor is called, nothing changed", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 0);
    const before = await snapshotDatabase(api.dataSource);
    const calls = api.emulator("crmcom").callCount();
    const res = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE, udfDate1: "0000-01-01" } });
    // Refused by the Date scalar (BAD_USER_INPUT) or, past it, by the phase-1 write (ValidationError): never INTERNAL_SERVER_ERROR.
    if (res.errors) expect(res.errors[0].extensions?.code).toBe("BAD_USER_INPUT");
    else expect(res.data.cancelPayment).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
    expect(api.emulator("crmcom").callCount()).toBe(calls);
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  });
});

describe("a phase-3 failure after the vendor acted", () => {
  freshApiPerGroup();

  it("ends in NEEDS_ATTENTION at once; an admin resolves it SUCCEEDED with the vendor's record; the key replays the result", async () => {
    const [first, second] = [0, 1].map((i) => demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, i));
    const done = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: first.number }, type: PAYMENT_TYPE } });
    const taken = done.data.cancelPayment.cancellation.number as string;
    // A CRM.COM cancellation of ours already holds the number the vendor issues next.
    await api.dataSource.query(`UPDATE payment_cancellation SET number = $1 WHERE number = $2 AND vendor_code = 'crmcom'`, [String(Number(taken) + 1), taken]);

    const input = { payment: { number: second.number }, type: PAYMENT_TYPE, idempotencyKey: "cancel-collides-1" };
    const res = await api.graphql(CANCEL_MUTATION, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data.cancelPayment).toMatchObject({ __typename: "OperationNeedsAttentionError", code: "OPERATION_NEEDS_ATTENTION", retryable: false });
    expect(api.emulator("crmcom").paymentState(second.vendorPaymentId)).toBe(PaymentState.CANCELLED);

    const held = await paymentOf(second.number);
    expect(held).toMatchObject({
      lifeCycleState: "POSTED",
      availableOperations: [],
      cancellation: null,
      pendingOperation: { operation: "CANCEL", status: "NEEDS_ATTENTION", attempts: 1, nextAttemptAt: null },
    });
    expect(held.pendingOperation.lastError).toMatch(/could not be recorded: the vendor's cancellation number is already held by another cancellation of the same vendor$/);
    expect(held.pendingOperation.lastError).not.toMatch(/_key|SQLSTATE|23505/);
    // Never retried: recovery leaves it alone, a retry with the key and a new request both say so.
    expect(await recovery.recoverOnce()).toEqual({ taken: 0, completed: 0 });
    expect((await api.graphql(CANCEL_MUTATION, { input })).data.cancelPayment.__typename).toBe("OperationNeedsAttentionError");
    expect((await api.graphql(CANCEL_MUTATION, { input: { ...input, idempotencyKey: undefined } })).data.cancelPayment).toMatchObject({
      __typename: "OperationNeedsAttentionError",
      operationId: held.pendingOperation.id,
    });
    expect(api.emulator("crmcom").callCount(second.vendorPaymentId)).toBe(1);

    const listed = await api.graphql(ATTENTION_LIST);
    expect(listed.data.operationsNeedingAttention).toEqual([
      expect.objectContaining({ id: held.pendingOperation.id, operation: "CANCEL", status: "NEEDS_ATTENTION", payment: { number: second.number } }),
    ]);

    // An operator sees it but may not resolve it.
    const { token: operatorToken } = await createAccessToken(api.dataSource, { resellerCode: "platform", roles: ["operator"] });
    const asOperator = { authorization: `Bearer ${operatorToken}` };
    expect((await api.graphql(ATTENTION_LIST, undefined, asOperator)).data.operationsNeedingAttention).toHaveLength(1);
    for (const first of [0, 101]) {
      const refused = await api.graphql(`{ operationsNeedingAttention(first: ${first}) { id } }`);
      expect(refused.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    }
    expect((await api.graphql(`{ operationsNeedingAttention(first: 1) { id } }`)).data.operationsNeedingAttention).toHaveLength(1);
    // Outside a token's reach, the operation is neither listed nor resolvable.
    const outsider = second.resellerCode === "globex" ? "acme-cyprus" : "globex";
    const { token: outsiderToken } = await createAccessToken(api.dataSource, { resellerCode: outsider, roles: ["admin"] });
    const asOutsider = { authorization: `Bearer ${outsiderToken}` };
    expect((await api.graphql(ATTENTION_LIST, undefined, asOutsider)).data.operationsNeedingAttention).toEqual([]);
    const resolveInput = {
      operationId: held.pendingOperation.id,
      outcome: "SUCCEEDED",
      note: "CRM.COM shows cancellation 9001 for this payment",
      cancellation: { number: "9001", referenceNumber: "PC-9001", vendorId: "ABCDEF0123456789ABCDEF0123456789", postedOn: "2026-01-02T03:04:05.000Z", amount: second.amount },
    };
    const refused = await api.graphql(RESOLVE, { input: resolveInput }, asOperator);
    expect(refused.data.resolveOperation).toMatchObject({ __typename: "NotAuthorizedError", code: "NOT_AUTHORIZED" });
    expect((await api.graphql(RESOLVE, { input: resolveInput }, asOutsider)).data.resolveOperation.__typename).toBe("OperationNotFoundError");

    const unchanged = await snapshotDatabase(api.dataSource);
    const noNote = await api.graphql(RESOLVE, { input: { ...resolveInput, note: "" } });
    expect(noNote.data.resolveOperation).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ field: "note" }] });
    // A number CRM.COM already gave another cancellation of ours: the typed error names that cancellation, nothing changed.
    const collides = await api.graphql(RESOLVE, { input: { ...resolveInput, cancellation: { ...resolveInput.cancellation, number: String(Number(taken) + 1) } } });
    expect(collides.data.resolveOperation).toEqual({
      __typename: "VendorNumberTakenError",
      code: "VENDOR_NUMBER_TAKEN",
      message: `The vendor's cancellation number ${Number(taken) + 1} is already held by the cancellation of payment ${first.number}; nothing was done.`,
      field: "cancellation.number",
      number: String(Number(taken) + 1),
      cancellationId: done.data.cancelPayment.cancellation.id,
      paymentNumber: first.number,
    });
    expect(await snapshotDatabase(api.dataSource)).toEqual(unchanged);

    const resolved = await api.graphql(RESOLVE, { input: resolveInput });
    expect(resolved.data.resolveOperation).toMatchObject({
      __typename: "ResolveOperationSuccess",
      operation: { status: "SUCCEEDED", attempts: 1, lastError: null },
      payment: { lifeCycleState: "CANCELLED", availableOperations: [], pendingOperation: null },
    });
    const after = await paymentOf(second.number);
    expect(after.cancellation).toMatchObject({ number: "9001", referenceNumber: "PC-9001", vendorRecordKnown: true, vendorId: "ABCDEF0123456789ABCDEF0123456789", postedOn: "2026-01-02T03:04:05.000Z" });
    const adminPrefix = api.token.slice(0, 12);
    // In the order they were written, though the resolution's two share its transaction's time.
    const byType = Object.fromEntries(after.events.map((e: any) => [e.type, e]));
    expect(after.events.map((e: any) => e.type)).toEqual(["OPERATION_STARTED", "OPERATION_NEEDS_ATTENTION", "OPERATION_RESOLVED", "STATE_CHANGED"]);
    expect(byType.OPERATION_RESOLVED).toMatchObject({ actor: adminPrefix, detail: "SUCCEEDED by an operator: CRM.COM shows cancellation 9001 for this payment" });
    expect(byType.STATE_CHANGED).toMatchObject({ actor: adminPrefix, fromState: "POSTED", toState: "CANCELLED", vendorOutcome: "RESOLVED" });

    const replay = await api.graphql(CANCEL_MUTATION, { input });
    expect(replay.data.cancelPayment).toMatchObject({ __typename: "CancelPaymentSuccess", cancellation: { number: "9001" }, payment: { lifeCycleState: "CANCELLED" } });
    expect((await api.graphql(RESOLVE, { input: resolveInput })).data.resolveOperation).toMatchObject({
      __typename: "OperationNotAwaitingResolutionError",
      status: "SUCCEEDED",
    });
    expect(await api.graphql(ATTENTION_LIST)).toMatchObject({ data: { operationsNeedingAttention: [] } });
  });
});

describe("a lost answer, then a repeat refused in words no adapter knows", () => {
  freshApiPerGroup();

  const UNKNOWN_WORDS = {
    ["convergegate"]: { status: 400, body: { timestamp: "2026-01-01T00:00:00Z", status: 400, errorCode: "VOID_NOT_POSSIBLE", errorMessage: "Transaction is not voidable" } },
    ["planocore"]: { status: 400, body: { status: "invalid-param", message: "This payment cannot be voided.", data: {} } },
    ["crmcom"]: { status: 200, body: { status: { code: "E_PAYMENT_NOT_POSTED", message: "The payment is not posted", description: null }, data: null } },
  } as const;

  it.each([
    ["convergegate", PaymentState.AUTHORIZED, VOID_MUTATION, "voidPayment", {}],
    ["planocore", PaymentState.PENDING, VOID_MUTATION, "voidPayment", {}],
    ["crmcom", PaymentState.POSTED, CANCEL_MUTATION, "cancelPayment", { type: PAYMENT_TYPE }],
  ] as const)("%s: NEEDS_ATTENTION, never a stored REFUSED", async (vendor, state, query, field, extra) => {
    const payment = demoPayment(vendor, state, PaymentModel.PREPAID, 0);
    const emulator = api.emulator(vendor);
    emulator.setFaults({ applyThenFail: "dropConnection" });
    const input = { payment: { number: payment.number }, idempotencyKey: `lost-${vendor}`, ...extra };
    expect((await api.graphql(query, { input })).data[field].__typename).toBe("VendorUnavailableError");
    expect(emulator.paymentState(payment.vendorPaymentId)).toBe(PaymentState.CANCELLED);

    emulator.setFaults({ applyThenFail: null, answerWith: UNKNOWN_WORDS[vendor] });
    await recovery.recoverOnce();
    const operations = await operationsOf(payment.number);
    expect(operations).toEqual([{ status: "NEEDS_ATTENTION", result: null, attempts: 2 }]);
    const held = await paymentOf(payment.number);
    expect(held.pendingOperation.lastError).toMatch(/refused the repeat/);
    expect((await api.graphql(query, { input })).data[field].__typename).toBe("OperationNeedsAttentionError");
  });

  it("ActivePlatform: reads the payment back and settles SUCCEEDED with the vendor's closing time", async () => {
    const payment = demoPayment("activeplatform", PaymentState.WAITING_FOR_PAYMENT, PaymentModel.PREPAID, 0);
    const emulator = api.emulator("activeplatform");
    emulator.setFaults({ applyThenFail: "dropConnection" });
    const input = { payment: { number: payment.number }, type: PAYMENT_TYPE, idempotencyKey: "lost-activeplatform" };
    expect((await api.graphql(CANCEL_MUTATION, { input })).data.cancelPayment.__typename).toBe("VendorUnavailableError");
    emulator.setFaults({ applyThenFail: null, answerWith: { status: 409, body: { errors: [{ title: "Payment can not be cancelled", status: "409" }] } } });
    await recovery.recoverOnce();
    expect((await operationsOf(payment.number)).map((o) => o.status)).toEqual(["SUCCEEDED"]);
    const replay = await api.graphql(CANCEL_MUTATION, { input });
    expect(replay.data.cancelPayment).toMatchObject({ __typename: "CancelPaymentSuccess", payment: { lifeCycleState: "CANCELLED" } });
    const readBack = emulator.requests().filter((r) => r.method === "GET" && r.path.endsWith(`/payments/${payment.vendorPaymentId}`));
    expect(readBack.length).toBeGreaterThanOrEqual(1);
  });

  it("an operator settles one FAILED: the payment is released and the key replays the failure", async () => {
    const payment = demoPayment("convergegate", PaymentState.AUTHORIZED, PaymentModel.PREPAID, 1);
    const emulator = api.emulator("convergegate");
    emulator.setFaults({ dropConnection: true });
    const input = { payment: { number: payment.number }, idempotencyKey: "lost-then-failed" };
    expect((await api.graphql(VOID_MUTATION, { input })).data.voidPayment.__typename).toBe("VendorUnavailableError");
    emulator.setFaults({ dropConnection: false, answerWith: UNKNOWN_WORDS["convergegate"] });
    await recovery.recoverOnce();
    const held = await paymentOf(payment.number);
    expect(held.pendingOperation.status).toBe("NEEDS_ATTENTION");

    const res = await api.graphql(RESOLVE, { input: { operationId: held.pendingOperation.id, outcome: "FAILED", note: "the gateway shows the payment still authorised" } });
    expect(res.data.resolveOperation).toMatchObject({
      __typename: "ResolveOperationSuccess",
      operation: { status: "REFUSED" },
      payment: { lifeCycleState: "AUTHORIZED", availableOperations: ["VOID"], pendingOperation: null },
    });
    const replay = await api.graphql(`mutation($input: VoidPaymentInput!) { voidPayment(input: $input) { ${RESULT_FIELDS} ... on OperationFailedError { note } } }`, { input });
    expect(replay.data.voidPayment).toMatchObject({ __typename: "OperationFailedError", code: "OPERATION_FAILED", note: "the gateway shows the payment still authorised" });
  });
});

describe("CRM.COM's own record", () => {
  freshApiPerGroup();

  it("keeps the vendor's cancellation id, number, reference, issued and posted times and amount", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 0);
    const res = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE } });
    expect(res.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
    const vendorRecord: any = await (await fetch(`${api.emulator("crmcom").baseUrl}/__emulator/payments/${payment.vendorPaymentId}`)).json();
    const ours = await paymentOf(payment.number);
    expect(ours.cancellation).toMatchObject({
      number: vendorRecord.cancellation.number,
      referenceNumber: vendorRecord.cancellation.referenceNumber,
      vendorId: vendorRecord.cancellation.id,
      vendorRecordKnown: true,
      vendorAmount: payment.amount.replace(/\.?0+$/, ""),
    });
    const rates = await api.graphql(`query($number: String!) { payment(identifier: { number: $number }) {
      currencyRatePeriod { id } cancellation { currencyRatePeriod { id } vendorCurrencyRatePeriod { currencyCode rate fromDate } } } }`, { number: payment.number });
    const rated = rates.data.payment;
    // CRM.COM answers the rate period the payment was issued with: matched to ours, and kept as it answered.
    expect(rated.cancellation.vendorCurrencyRatePeriod).toMatchObject({ currencyCode: payment.currencyCode, rate: expect.stringMatching(/^\d/) });
    expect(rated.cancellation.currencyRatePeriod).toEqual(rated.currencyRatePeriod);
    expect(new Date(ours.cancellation.postedOn).getTime()).toBe(new Date(vendorRecord.cancellation.postedOn.slice(0, 19) + "Z").getTime());
  });

  it("records a difference between the vendor's amount and ours as an event, keeping both", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.POSTPAID, 0);
    api.emulator("crmcom").setFaults({
      answerWith: crmComCancelled({ id: payment.vendorPaymentId }, { id: "C0FFEE", number: "88", reference_number: "PC-88", issued_on: "2026-01-01T00:00:00", posted_on: "2026-01-01T00:00:01", payment_amount: 99.99 }),
    });
    const res = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE } });
    expect(res.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
    const ours = await paymentOf(payment.number);
    expect(ours.cancellation).toMatchObject({ number: "88", amount: payment.amount.replace(/\.?0+$/, ""), vendorAmount: "99.99" });
    const mismatch = ours.events.find((event: any) => event.type === "VENDOR_AMOUNT_MISMATCH");
    expect(mismatch.detail).toBe(`the vendor cancelled 99.99; our payment's amount is ${payment.amount}00`);
  });

  it("after a lost answer, 'already done' keeps no invented numbers: vendorRecordKnown is false", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 1);
    api.emulator("crmcom").setFaults({ applyThenFail: "answer500" });
    expect((await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE } })).data.cancelPayment.__typename).toBe(
      "VendorUnavailableError",
    );
    api.emulator("crmcom").clearFaults();
    await recovery.recoverOnce();
    const ours = await paymentOf(payment.number);
    expect(ours.lifeCycleState).toBe("CANCELLED");
    expect(ours.cancellation).toMatchObject({ number: null, referenceNumber: null, vendorId: null, postedOn: null, vendorRecordKnown: false });
  });
});

describe("CRM.COM's rate period, none of ours matching it", () => {
  freshApiPerGroup();

  it("keeps the vendor's rate period when none of ours matches it, with an event, and then holds no rate period of ours", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 0);
    const vendorPeriod = { id: "VENDOR-ONLY", rate: 7.25, inverse_rate: 0.5, from_date: "1999-01-01", to_date: "1999-12-31", currency: { code: payment.currencyCode } };
    api.emulator("crmcom").setFaults({
      answerWith: crmComCancelled(
        { id: payment.vendorPaymentId, currency_rate_period: vendorPeriod },
        { id: "C0FFEE2", number: "89", reference_number: "PC-89", issued_on: "2026-01-01T00:00:00", posted_on: "2026-01-01T00:00:01" },
      ),
    });
    const before = await api.graphql(`query($number: String!) { payment(identifier: { number: $number }) { currencyRatePeriod { id } } }`, { number: payment.number });
    expect(before.data.payment.currencyRatePeriod).not.toBeNull();
    const res = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE } });
    expect(res.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
    const rates = await api.graphql(`query($number: String!) { payment(identifier: { number: $number }) {
      cancellation { number currencyRatePeriod { id } vendorCurrencyRatePeriod { id currencyCode rate inverseRate fromDate toDate } } } }`, { number: payment.number });
    expect(rates.data.payment.cancellation).toEqual({
      number: "89",
      currencyRatePeriod: null,
      vendorCurrencyRatePeriod: { id: "VENDOR-ONLY", currencyCode: payment.currencyCode, rate: "7.25", inverseRate: "0.5", fromDate: "1999-01-01", toDate: "1999-12-31" },
    });
    const ours = await paymentOf(payment.number);
    expect(ours.events.filter((event: any) => event.type === "VENDOR_RATE_PERIOD_KEPT").map((event: any) => event.detail)).toEqual([
      "the vendor's currency rate period matches none of ours; it is kept as the vendor gave it",
    ]);
    expect(ours.events.map((event: any) => event.type)).not.toContain("VENDOR_AMOUNT_MISMATCH");
  });

  it("matches the vendor's rate period to ours whatever spaces pad its currency code (codes are kept as char(3))", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 1);
    const ours = (await api.graphql(`query($number: String!) { payment(identifier: { number: $number }) { currencyRatePeriod { id fromDate toDate rate } } }`, { number: payment.number }))
      .data.payment.currencyRatePeriod;
    expect(ours).not.toBeNull();
    const vendorPeriod = { id: "PADDED", rate: ours.rate, inverse_rate: null, from_date: ours.fromDate, to_date: ours.toDate, currency: { code: `${payment.currencyCode} ` } };
    api.emulator("crmcom").setFaults({
      answerWith: crmComCancelled(
        { id: payment.vendorPaymentId, currency_rate_period: vendorPeriod },
        { id: "C0FFEE3", number: "90", reference_number: "PC-90", issued_on: "2026-01-01T00:00:00", posted_on: "2026-01-01T00:00:01" },
      ),
    });
    const res = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE } });
    expect(res.data.cancelPayment.__typename).toBe("CancelPaymentSuccess");
    const rated = (await api.graphql(`query($number: String!) { payment(identifier: { number: $number }) {
      cancellation { currencyRatePeriod { id } vendorCurrencyRatePeriod { id currencyCode } } events { type } } }`, { number: payment.number })).data.payment;
    expect(rated.cancellation).toEqual({ currencyRatePeriod: { id: ours.id }, vendorCurrencyRatePeriod: { id: "PADDED", currencyCode: `${payment.currencyCode} ` } });
    expect(rated.events.map((event: any) => event.type)).not.toContain("VENDOR_RATE_PERIOD_KEPT");
  });
});

describe("a vendor's success our tables cannot hold", () => {
  freshApiPerGroup();

  it("a gateway reference longer than its column: NEEDS_ATTENTION at once, the payment held, nothing half written", async () => {
    const payment = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.POSTPAID, 0);
    api.emulator("crmcom").setFaults({
      answerWith: crmComCancelled({ id: payment.vendorPaymentId, processed_by_payment_gateway: "Gateway", payment_gateway_reference_number: "R".repeat(150) }, { id: "C0FFEE", number: "77", reference_number: "PC-77", posted_on: "2026-01-01T00:00:00", payment_amount: 12.34 }),
    });
    const res = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: payment.number }, type: PAYMENT_TYPE } });
    expect(res.data.cancelPayment.__typename).toBe("OperationNeedsAttentionError");
    const held = await paymentOf(payment.number);
    expect(held).toMatchObject({ lifeCycleState: "POSTED", cancellation: null, pendingOperation: { status: "NEEDS_ATTENTION" } });
    expect(held.pendingOperation.lastError).toMatch(/longer than its column allows$/);
    expect(held.pendingOperation.lastError).not.toMatch(/SQLSTATE|22001/);
    const [pending] = await api.dataSource.query(`SELECT c.life_cycle_state, c.number FROM payment_cancellation c JOIN payment p ON p.id = c.payment_id WHERE p.number = $1`, [payment.number]);
    expect(pending).toEqual({ life_cycle_state: "PENDING", number: null });
    // The vendor's answer is kept on the operation for the operator.
    const [{ vendor_outcome }] = await api.dataSource.query(`SELECT o.vendor_outcome FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = $1`, [payment.number]);
    expect(vendor_outcome).toMatchObject({ kind: "succeeded", details: { cancellation: { number: "77", amount: "12.34" } } });
  });
});

describe("recovery's backoff and its limit", () => {
  freshApiPerGroup();

  it("waits the backoff (database clock) before a repeat, and needs attention after OPERATION_MAX_ATTEMPTS", async () => {
    const pipeline = new PaymentOperationPipeline(api.db, api.vendors, { maxAttempts: 2, retryBackoffMs: 60_000 });
    const patient = new OperationRecovery(api.db, pipeline, { leaseMs: 60_000, intervalMs: 1000, batchSize: 50 });
    const payment = demoPayment("planocore", PaymentState.PENDING, PaymentModel.PREPAID, 0);
    api.emulator("planocore").setFaults({ dropConnection: true });
    const { VoidPaymentInput } = await import("../../src/graphql/inputs/operation.inputs");
    const { voidPayment } = await import("../../src/operations/void-payment");
    const input = Object.assign(new VoidPaymentInput(), { payment: Object.assign(new PaymentIdentifierInput(), { number: payment.number }) });
    expect((await pipeline.run(voidPayment, input, ADMIN)).constructor.name).toBe("VendorUnavailableError");
    const [{ wait }] = await api.dataSource.query(
      `SELECT extract(epoch FROM o.next_attempt_at - now())::int AS wait FROM payment_operation o JOIN payment p ON p.id = o.payment_id WHERE p.number = $1`,
      [payment.number],
    );
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThanOrEqual(60);
    expect((await paymentOf(payment.number)).pendingOperation).toMatchObject({ status: "IN_PROGRESS", attempts: 1, nextAttemptAt: expect.any(String) });
    expect(await patient.recoverOnce()).toEqual({ taken: 0, completed: 0 });

    await api.dataSource.query(`UPDATE payment_operation SET next_attempt_at = now() - interval '1 second' WHERE status = 'IN_PROGRESS'`);
    expect(await patient.recoverOnce()).toEqual({ taken: 1, completed: 1 });
    const held = await paymentOf(payment.number);
    expect(held.pendingOperation).toMatchObject({ status: "NEEDS_ATTENTION", attempts: 2 });
    expect(held.pendingOperation.lastError).toMatch(/no usable answer from the vendor after 2 attempts/);
  });
});
