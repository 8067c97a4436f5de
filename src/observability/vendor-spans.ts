import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

const tracer = trace.getTracer("payment-operations-api");

/** What a span tells of a vendor's answer: its kind, and a refusal's reason and the vendor's code. */
export interface TracedOutcome {
  kind: string;
  reason?: string;
  vendorCode?: string;
}

/**
 * One span per call to a vendor (`vendor CANCEL`), a child of the request or recovery round that
 * makes it, the parent of the HTTP calls to the vendor: the vendor, the operation and the outcome
 * (succeeded, refused with the vendor's code, unknown as an error). Never a secret, a payment id
 * or a message of the vendor's. Without the SDK (traces off) the API's tracer does nothing.
 */
export function inVendorSpan<T extends TracedOutcome>(vendor: string, operation: string, call: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(
    `vendor ${operation}`,
    { kind: SpanKind.INTERNAL, attributes: { "vendor.code": vendor, "vendor.operation": operation } },
    async (span) => {
      try {
        const outcome = await call();
        span.setAttribute("vendor.outcome", outcome.kind);
        if (outcome.kind === "refused") {
          if (outcome.reason) span.setAttribute("vendor.refusal.reason", outcome.reason);
          if (outcome.vendorCode) span.setAttribute("vendor.refusal.code", outcome.vendorCode.slice(0, 100));
        }
        if (outcome.kind === "unknown") span.setStatus({ code: SpanStatusCode.ERROR, message: "the vendor's answer is unknown" });
        return outcome;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "failed" });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
