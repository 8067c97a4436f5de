import { createAccessToken } from "../../src/access/access-tokens";
import { PaymentModel, PaymentState } from "../../src/domain/enums";
import { snapshotDatabase } from "../support/test-database";
import { useTestApi } from "../support/test-api";
import { CANCEL_MUTATION, demoPayment, PAYMENT_TYPE } from "../support/operations";
import { crmComCancelled } from "../support/vendor-answers";

const api = useTestApi({ VENDOR_RETRIES: "0" });

const RESOLVE = `mutation($input: ResolveOperationInput!) { resolveOperation(input: $input) {
  __typename ... on Error { code message retryable }
  ... on VendorNumberTakenError { field number cancellationId paymentNumber }
  ... on ValidationError { fieldErrors { field message } }
  ... on ResolveOperationSuccess { payment { lifeCycleState cancellation { number referenceNumber } } } } }`;

// CRM.COM issues its own cancellation records: the holder got 500 / PC-500 from it.
const holder = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 0);
const held = demoPayment("crmcom", PaymentState.POSTED, PaymentModel.PREPAID, 1);

/** CRM.COM answers a cancel of `payment` with its own record numbered `number`. */
function crmComAnswers(payment: typeof holder, number: string) {
  api.emulator("crmcom").setFaults({
    answerWith: crmComCancelled(
      { id: payment.vendorPaymentId },
      { id: `C0FFEE${number}`, number, reference_number: `PC-${number}`, issued_on: "2026-01-01T00:00:00", posted_on: "2026-01-01T00:00:01", payment_amount: Number(payment.amount) },
    ),
  });
}

let holderCancellationId: string;
let operationId: string;
const resolveAs = (cancellation: Record<string, string>, headers?: Record<string, string>) =>
  api.graphql(RESOLVE, { input: { operationId, outcome: "SUCCEEDED", note: "CRM.COM shows the cancellation", cancellation } }, headers);

/** A resolution refused as data, with nothing changed in the database. */
async function refused(cancellation: Record<string, string>, headers?: Record<string, string>) {
  const before = await snapshotDatabase(api.dataSource);
  const res = await resolveAs(cancellation, headers);
  expect(res.errors).toBeUndefined();
  expect(await snapshotDatabase(api.dataSource)).toEqual(before);
  return res.data.resolveOperation;
}

beforeAll(async () => {
  // The two payments belong to resellers neither of which reaches the other.
  await api.dataSource.query(`UPDATE payment SET reseller_id = (SELECT id FROM reseller WHERE code = 'globex') WHERE number = $1`, [holder.number]);
  await api.dataSource.query(`UPDATE payment SET reseller_id = (SELECT id FROM reseller WHERE code = 'acme-cyprus') WHERE number = $1`, [held.number]);
  crmComAnswers(holder, "500");
  const first = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: holder.number }, type: PAYMENT_TYPE } });
  expect(first.data.cancelPayment.cancellation).toMatchObject({ number: "500", referenceNumber: "PC-500" });
  holderCancellationId = first.data.cancelPayment.cancellation.id;
  // The vendor gives the next cancellation the same number: our record cannot hold it, an operator must settle it.
  crmComAnswers(held, "500");
  const second = await api.graphql(CANCEL_MUTATION, { input: { payment: { number: held.number }, type: PAYMENT_TYPE } });
  expect(second.data.cancelPayment.__typename).toBe("OperationNeedsAttentionError");
  operationId = second.data.cancelPayment.operationId;
  api.emulator("crmcom").clearFaults();
});

describe("resolving a cancel with a number another cancellation of the vendor holds", () => {
  it("the number: a typed error naming the holding cancellation and its payment; nothing changed", async () => {
    expect(await refused({ number: "500", referenceNumber: "PC-501" })).toEqual({
      __typename: "VendorNumberTakenError",
      code: "VENDOR_NUMBER_TAKEN",
      retryable: false,
      message: `The vendor's cancellation number 500 is already held by the cancellation of payment ${holder.number}; nothing was done.`,
      field: "cancellation.number",
      number: "500",
      cancellationId: holderCancellationId,
      paymentNumber: holder.number,
    });
  });

  it("the reference number: the same, naming that field", async () => {
    expect(await refused({ number: "501", referenceNumber: "PC-500" })).toMatchObject({
      __typename: "VendorNumberTakenError",
      message: `The vendor's cancellation reference number PC-500 is already held by the cancellation of payment ${holder.number}; nothing was done.`,
      field: "cancellation.referenceNumber",
      number: "PC-500",
      cancellationId: holderCancellationId,
    });
  });

  it("a holder outside the admin's reach is not named", async () => {
    const { token } = await createAccessToken(api.dataSource, { resellerCode: "acme", roles: ["admin"] });
    expect(await refused({ number: "500" }, { authorization: `Bearer ${token}` })).toEqual({
      __typename: "VendorNumberTakenError",
      code: "VENDOR_NUMBER_TAKEN",
      retryable: false,
      message: "The vendor's cancellation number 500 is already held by another cancellation of this vendor; nothing was done.",
      field: "cancellation.number",
      number: "500",
      cancellationId: null,
      paymentNumber: null,
    });
  });

  it("a number taken after the check (a write that commits meanwhile) is the same typed error, never a constraint's name", async () => {
    // Between the check and the write, the holder's cancellation takes 777: the write itself is refused.
    await api.dataSource.query(`CREATE FUNCTION take_777() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE payment_cancellation SET number = '777' WHERE id = '${holderCancellationId}'; RETURN NULL; END $$`);
    await api.dataSource.query(`CREATE TRIGGER take_777 AFTER INSERT ON payment_event FOR EACH ROW WHEN (NEW.type = 'OPERATION_RESOLVED') EXECUTE FUNCTION take_777()`);
    try {
      const answer = await refused({ number: "777" });
      // The holder's change rolled back with the refused write: there is no holder left to name.
      expect(answer).toEqual({
        __typename: "VendorNumberTakenError",
        code: "VENDOR_NUMBER_TAKEN",
        retryable: false,
        message: "The vendor's cancellation number 777 is already held by another cancellation of this vendor; nothing was done.",
        field: "cancellation.number",
        number: "777",
        cancellationId: null,
        paymentNumber: null,
      });
      expect(JSON.stringify(answer)).not.toMatch(/_key|SQLSTATE|23505/);
    } finally {
      await api.dataSource.query(`DROP TRIGGER take_777 ON payment_event`);
      await api.dataSource.query(`DROP FUNCTION take_777()`);
    }
  });

  it("a free number settles it", async () => {
    const res = await resolveAs({ number: "501", referenceNumber: "PC-501" });
    expect(res.data.resolveOperation).toEqual({
      __typename: "ResolveOperationSuccess",
      payment: { lifeCycleState: "CANCELLED", cancellation: { number: "501", referenceNumber: "PC-501" } },
    });
  });
});
