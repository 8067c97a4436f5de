import { graphql } from "../gql";
import type { VendorAnswerFieldsFragment } from "../gql/graphql";

/**
 * What the console reads of a vendor's kept answer (its documents name it by text).
 * @public
 */
export const VendorAnswerFields = graphql(`
  fragment VendorAnswerFields on VendorAnswer {
    outcome vendorCode vendorMessage gatewayName gatewayReferenceNumber closedAt
    cancellation { vendorId number referenceNumber issuedOn postedOn amount gatewayName gatewayReferenceNumber backOfficeCode }
  }
`);
import { Moment } from "../shell/format";

type Answer = VendorAnswerFieldsFragment;

/** A vendor's kept answer in a sentence: refused with its code and message, or what it said of the payment. */
export function VendorAnswerText({ answer }: { answer: Answer }) {
  if (answer.outcome === "REFUSED") {
    return (
      <span>
        refused, {answer.vendorCode}: {answer.vendorMessage}
      </span>
    );
  }
  const record = answer.cancellation;
  const facts = [
    record?.number && `cancellation number ${record.number}`,
    record?.referenceNumber && `reference ${record.referenceNumber}`,
    record?.vendorId && `vendor id ${record.vendorId}`,
    record?.amount && `amount ${record.amount}`,
    answer.gatewayName && `gateway ${answer.gatewayName}`,
    answer.gatewayReferenceNumber && `gateway reference ${answer.gatewayReferenceNumber}`,
  ].filter(Boolean);
  return (
    <span>
      succeeded{facts.length ? ` (${facts.join(", ")})` : ""}
      {answer.closedAt && (
        <>
          , closed at <Moment value={answer.closedAt} />
        </>
      )}
    </span>
  );
}

/** A request or answer as the API gives it, laid out to read (the API leaves credentials out). */
export function Exchange({ summary, json }: { summary: string; json: string }) {
  let text = json;
  try {
    text = JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    // Shown as given.
  }
  return (
    <details className="exchange">
      <summary>{summary}</summary>
      <pre>{text}</pre>
    </details>
  );
}
