import { createAccessToken } from "../../src/access/access-tokens";
import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { PaymentIntakeStore } from "../../src/stores/payment-intake-store";
import { VOID_MUTATION } from "../support/operations";
import { postGraphQL, useTestApi } from "../support/test-api";
import { snapshotDatabase } from "../support/test-database";

/** recordPayments: payments created at the vendors come in, and later reports move them. */
const api = useTestApi({ VENDOR_RETRIES: "0", VENDOR_TIMEOUT_MS: "1000" });

const RECORD = `mutation($payments: [RecordPaymentInput!]!) { recordPayments(payments: $payments) {
  __typename
  ... on Error { code message }
  ... on PaymentRecorded { change payment { id number lifeCycleState amount closedAt currency { code } currencyRatePeriod { rate } reseller { code } vendorCode availableOperations
    events { type actor fromState toState detail } } }
  ... on ValidationError { fieldErrors { field message } }
  ... on ResellerNotFoundError { resellerCode }
  ... on CurrencyNotFoundError { currencyCode }
  ... on PaymentConflictError { field otherPaymentNumber }
  ... on PaymentStateMoveError { currentState reportedState allowedStates }
  ... on OperationInProgressError { operation } } }`;

let sequence = 0;
/** A payment as a checkout records it: an AUTHORIZED ConvergeGate payment of 12.50 EUR at acme. */
function checkout(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  const unique = `${process.pid}${String(sequence).padStart(5, "0")}`;
  return {
    vendor: "CONVERGEGATE",
    vendorPaymentId: `rp${unique}`.padEnd(32, "0").slice(0, 32),
    number: `RP-${unique}`,
    referenceNumber: `RP-REF-${unique}`,
    lifeCycleState: PaymentState.AUTHORIZED,
    issuedOn: "2025-03-04T05:06:07.000Z",
    amount: "12.50",
    currencyCode: "EUR",
    paymentModel: PaymentModel.PREPAID,
    resellerCode: "acme",
    ...overrides,
  };
}

async function tokenOf(roles: string[], resellerCode = "platform") {
  return { authorization: `Bearer ${(await createAccessToken(api.dataSource, { resellerCode, roles: roles as never })).token}` };
}

async function record(payments: unknown[], headers?: Record<string, string>) {
  const res = await api.graphql(RECORD, { payments }, headers ?? (await tokenOf(["integration"])));
  expect(res.errors).toBeUndefined();
  return res.data.recordPayments as any[];
}

describe("recordPayments", () => {
  it("creates a payment, answers UNCHANGED to the same record again, and UPDATED to a later report", async () => {
    const payment = checkout({ gatewayName: "ConvergeGate" });
    const [created] = await record([payment]);
    expect(created).toMatchObject({
      __typename: "PaymentRecorded",
      change: "CREATED",
      payment: { number: payment.number, lifeCycleState: "AUTHORIZED", amount: "12.5", currency: { code: "EUR" }, currencyRatePeriod: { rate: "1" }, reseller: { code: "acme" }, vendorCode: "CONVERGEGATE", availableOperations: ["VOID"], closedAt: null },
    });
    expect(created.payment.events.map((e: { type: string; toState: string }) => [e.type, e.toState])).toEqual([["RECORDED", "AUTHORIZED"]]);

    const before = await snapshotDatabase(api.dataSource);
    const [again] = await record([payment]);
    expect(again).toMatchObject({ __typename: "PaymentRecorded", change: "UNCHANGED", payment: { id: created.payment.id } });
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);

    const [posted] = await record([{ ...payment, lifeCycleState: "POSTED", postedOn: "2025-03-05T00:00:00.000Z" }]);
    expect(posted).toMatchObject({ change: "UPDATED", payment: { lifeCycleState: "POSTED", closedAt: null } });
    expect(posted.payment.events.at(-1)).toMatchObject({ type: "STATE_REPORTED", fromState: "AUTHORIZED", toState: "POSTED" });
    const [cancelled] = await record([{ ...payment, lifeCycleState: "CANCELLED" }]);
    expect(cancelled.payment.lifeCycleState).toBe("CANCELLED");
    expect(cancelled.payment.closedAt).not.toBeNull();
  });

  it("moves a payment only along the table of reported moves, never out of a final state, changing nothing when refused", async () => {
    const payment = checkout({ lifeCycleState: "POSTED" });
    await record([payment]);
    const before = await snapshotDatabase(api.dataSource);
    const [back] = await record([{ ...payment, lifeCycleState: "DRAFT" }]);
    expect(back).toMatchObject({ __typename: "PaymentStateMoveError", code: "PAYMENT_STATE_MOVE", currentState: "POSTED", reportedState: "DRAFT", allowedStates: ["CANCELLED"] });
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
    await record([{ ...payment, lifeCycleState: "CANCELLED" }]);
    const [revived] = await record([{ ...payment, lifeCycleState: "POSTED" }]);
    expect(revived).toMatchObject({ __typename: "PaymentStateMoveError", currentState: "CANCELLED", allowedStates: [] });
  });

  it("answers a batch of good and bad payments in order, recording each good one and nothing of the bad ones", async () => {
    const taken = checkout();
    await record([taken]);
    const good = [checkout(), checkout()];
    const before = await api.dataSource.query(`SELECT count(*)::int AS n FROM payment`);
    const results = await record([
      good[0],
      checkout({ amount: "-1" }),
      checkout({ currencyCode: "XXX" }),
      checkout({ resellerCode: "nobody" }),
      checkout({ number: taken.number }),
      checkout({ referenceNumber: taken.referenceNumber }),
      { ...taken, amount: "99.00" },
      good[1],
      checkout({ vendorPaymentId: "x".repeat(65) }),
    ]);
    expect(results.map((r) => r.__typename)).toEqual([
      "PaymentRecorded",
      "ValidationError",
      "CurrencyNotFoundError",
      "ResellerNotFoundError",
      "PaymentConflictError",
      "PaymentConflictError",
      "PaymentConflictError",
      "PaymentRecorded",
      "ValidationError",
    ]);
    expect(results[1].fieldErrors.map((e: { field: string }) => e.field)).toEqual(["amount"]);
    expect(results[8].fieldErrors.map((e: { field: string }) => e.field)).toEqual(["vendorPaymentId"]);
    expect(results[4]).toMatchObject({ field: "number", otherPaymentNumber: taken.number });
    expect(results[5]).toMatchObject({ field: "referenceNumber", otherPaymentNumber: taken.number });
    expect(results[6]).toMatchObject({ field: "amount" });
    const after = await api.dataSource.query(`SELECT count(*)::int AS n FROM payment`);
    expect(after[0].n - before[0].n).toBe(2);
    expect(results[7].payment.number).toBe(good[1].number);
  });

  it("keeps the same payment reported twice in one batch in order", async () => {
    const payment = checkout();
    const results = await record([payment, { ...payment, lifeCycleState: "POSTED" }, { ...payment, lifeCycleState: "POSTED" }]);
    expect(results.map((r) => r.change)).toEqual(["CREATED", "UPDATED", "UNCHANGED"]);
  });

  it("refuses two payments of one batch with one number: the first is recorded", async () => {
    const first = checkout();
    const results = await record([first, checkout({ number: first.number })]);
    expect(results.map((r) => r.__typename)).toEqual(["PaymentRecorded", "PaymentConflictError"]);
    expect(results[1]).toMatchObject({ field: "number", otherPaymentNumber: first.number });
  });

  it("answers a batch whose new payment's number another payment took after the facts were read as it answers each alone", async () => {
    const taken = checkout();
    await record([taken]);
    const batch = [checkout(), checkout({ number: taken.number }), checkout()];
    // The facts miss the holder, as when another writer records it meanwhile: the insert of the part fails and the part is judged again.
    const holders = jest.spyOn(PaymentIntakeStore.prototype, "holders").mockResolvedValueOnce([]);
    const results = await record(batch);
    expect(holders).toHaveBeenCalledTimes(2);
    holders.mockRestore();
    expect(results.map((r) => r.change ?? r.__typename)).toEqual(["CREATED", "PaymentConflictError", "CREATED"]);
    expect(results[1]).toMatchObject({ code: "PAYMENT_CONFLICT", field: "number", otherPaymentNumber: taken.number });
    const alone = await record([checkout({ number: taken.number })]);
    expect(alone[0]).toEqual({ ...results[1], message: alone[0].message });
    expect(results[0].payment.events).toEqual([expect.objectContaining({ type: "RECORDED", toState: "AUTHORIZED" })]);
  });

  it("answers a reseller outside the token's reach as one that does not exist", async () => {
    const globex = await tokenOf(["integration"], "globex");
    const [outside] = await record([checkout({ resellerCode: "acme" })], globex);
    const [unknown] = await record([checkout({ resellerCode: "nobody" })], globex);
    expect(outside).toMatchObject({ __typename: "ResellerNotFoundError", message: expect.stringContaining("within your reach") });
    expect(Object.keys(outside).sort()).toEqual(Object.keys(unknown).sort());
    const [own] = await record([checkout({ resellerCode: "globex" })], globex);
    expect(own.change).toBe("CREATED");
  });

  it("keeps a reported state that an open operation would produce as evidence on it, changing nothing else", async () => {
    const payment = checkout();
    const [recorded] = await record([payment]);
    const emulator = api.emulator("convergegate");
    emulator.addPayment({ vendorPaymentId: payment.vendorPaymentId, lifeCycleState: PaymentState.AUTHORIZED, paymentModel: PaymentModel.PREPAID });
    emulator.setFaults({ noAnswer: true });
    try {
      const voided = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
      expect(voided.data.voidPayment.__typename).toBe("VendorUnavailableError");
    } finally {
      emulator.clearFaults();
    }
    const [reported] = await record([{ ...payment, lifeCycleState: "CANCELLED" }]);
    expect(reported).toMatchObject({ __typename: "OperationInProgressError", operation: "VOID" });
    const [other] = await record([{ ...payment, gatewayName: "Other" }]);
    expect(other.__typename).toBe("OperationInProgressError");
    const seen = await api.graphql(`query($n: String!) { payment(identifier: { number: $n }) { lifeCycleState gatewayName
      pendingOperation { operation status reportedState { state reportedBy } } events { type fromState toState } } }`, { n: payment.number });
    expect(seen.data.payment).toMatchObject({ lifeCycleState: "AUTHORIZED", gatewayName: null, pendingOperation: { operation: "VOID", status: "IN_PROGRESS", reportedState: { state: "CANCELLED" } } });
    expect(seen.data.payment.events.at(-1)).toMatchObject({ type: "STATE_REPORTED", fromState: "AUTHORIZED", toState: "CANCELLED" });
    expect(recorded.payment.id).toBeDefined();
  });

  it("is refused to an operator token, while an integration token may not void", async () => {
    const before = await snapshotDatabase(api.dataSource);
    const [byOperator] = await record([checkout()], await tokenOf(["operator"]));
    expect(byOperator).toMatchObject({ __typename: "NotAuthorizedError", code: "NOT_AUTHORIZED" });
    expect(await snapshotDatabase(api.dataSource)).toEqual(before);
    const payment = checkout();
    await record([payment]);
    const voided = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } }, await tokenOf(["integration"]));
    expect(voided.data.voidPayment).toMatchObject({ __typename: "NotAuthorizedError" });
  });

  it("takes 1 to 500 payments", async () => {
    const empty = await api.graphql(RECORD, { payments: [] }, await tokenOf(["integration"]));
    expect(empty.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const many = await api.graphql(RECORD, { payments: Array.from({ length: 501 }, () => checkout()) }, await tokenOf(["integration"]));
    expect(many.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("runs as many statements for 200 payments as for 2", async () => {
    const headers = await tokenOf(["integration"]);
    // A token's first use records it: not a statement of the batch.
    await postGraphQL(api.url, `{ __typename }`, undefined, headers);
    const statementsFor = (count: number) =>
      api.countStatements(() => postGraphQL(api.url, `mutation($p: [RecordPaymentInput!]!) { recordPayments(payments: $p) { __typename } }`, { p: Array.from({ length: count }, () => checkout()) }, headers));
    const few = await statementsFor(2);
    expect(few).toBeGreaterThan(3);
    expect(await statementsFor(200)).toBe(few);
  });

  it("records a payment that is then found by every identifier and filter, and voided through its vendor", async () => {
    const payment: Record<string, unknown> & ReturnType<typeof checkout> = checkout({ backOfficeCode: `BO-${process.pid}-${sequence}`, issuedOn: "2025-06-07T08:09:10.123Z", amount: "4321.5" });
    const [recorded] = await record([payment]);
    for (const identifier of [{ id: recorded.payment.id }, { number: payment.number }, { referenceNumber: payment.referenceNumber }, { backOfficeCode: payment.backOfficeCode }]) {
      const found = await api.graphql(`query($i: PaymentIdentifierInput!) { payment(identifier: $i) { number } }`, { i: identifier });
      expect(found.data.payment).toEqual({ number: payment.number });
    }
    const listed = await api.graphql(`query($f: PaymentFilter) { payments(filter: $f, first: 100) { edges { node { number } } } }`, {
      f: { states: ["AUTHORIZED"], vendor: "CONVERGEGATE", currencyCode: "EUR", resellerCode: "acme", issuedFrom: "2025-06-07T08:09:10Z", issuedBefore: "2025-06-07T08:09:11Z", amountMin: "4321.5", amountMax: "4321.50" },
    });
    expect(listed.data.payments.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual([payment.number]);
    api.emulator("convergegate").addPayment({ vendorPaymentId: payment.vendorPaymentId, lifeCycleState: PaymentState.AUTHORIZED, paymentModel: PaymentModel.PREPAID });
    const voided = await api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
    expect(voided.data.voidPayment).toMatchObject({ __typename: "VoidPaymentSuccess", payment: { lifeCycleState: "CANCELLED" } });
    expect(api.emulator("convergegate").paymentState(payment.vendorPaymentId)).toBe(PaymentState.CANCELLED);
  });
});
