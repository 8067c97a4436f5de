import type { OperationResolution, PaymentOperation, PaymentState, VendorAnswerFieldsFragment } from "../gql/graphql";
import { STATE_TITLE } from "../shell/titles";

/** The state each operation leaves a payment in, when it went through. */
const TARGET_STATE: Record<PaymentOperation, PaymentState> = { VOID: "CANCELLED", CANCEL: "CANCELLED", REJECT: "REJECTED" };

export interface KeptEvidence {
  operation: PaymentOperation;
  lastError?: string | null;
  vendorAnswer?: VendorAnswerFieldsFragment | null;
  reportedState?: { state: PaymentState; reportedAt: string; reportedBy: string } | null;
}

export interface ResolutionDraft {
  outcome: OperationResolution;
  values: Record<string, string>;
  /** Whether anything came from what the API kept (the operator confirms or corrects it). */
  prefilled: boolean;
}

const day = (value: string | null | undefined) => (value ? value.slice(0, 10) : "");

/** The resolve form as the API's kept evidence fills it: the vendor's answer first, then a state the vendor reported. */
export function draftFromEvidence(evidence: KeptEvidence): ResolutionDraft {
  const answer = evidence.vendorAnswer;
  if (answer?.outcome === "SUCCEEDED") {
    const record = answer.cancellation;
    const values: Record<string, string> = {
      note: `The vendor's answer kept by the API: it went through${record?.number ? ` (cancellation ${record.number})` : ""}.`,
    };
    if (record && evidence.operation === "CANCEL") {
      Object.assign(values, {
        number: record.number ?? "",
        referenceNumber: record.referenceNumber ?? "",
        vendorId: record.vendorId ?? "",
        amount: record.amount ?? "",
        gatewayName: record.gatewayName ?? answer.gatewayName ?? "",
        gatewayReferenceNumber: record.gatewayReferenceNumber ?? answer.gatewayReferenceNumber ?? "",
        issuedOn: day(record.issuedOn),
        postedOn: day(record.postedOn),
      });
    }
    return { outcome: "SUCCEEDED", values, prefilled: true };
  }
  if (answer?.outcome === "REFUSED") {
    return { outcome: "FAILED", values: { note: `The vendor refused it: ${answer.vendorCode}: ${answer.vendorMessage}.` }, prefilled: true };
  }
  const reported = evidence.reportedState;
  if (reported && reported.state === TARGET_STATE[evidence.operation]) {
    return {
      outcome: "SUCCEEDED",
      values: { note: `The vendor reported the payment ${STATE_TITLE[reported.state]} at ${reported.reportedAt} (${reported.reportedBy}).` },
      prefilled: true,
    };
  }
  return { outcome: "SUCCEEDED", values: { note: "" }, prefilled: false };
}
