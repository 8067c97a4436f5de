import { sendVendorRequest, vendorUrl, type VendorHttpResponse } from "../http/vendor-http";
import { voidPath } from "./contract";

/** ConvergeGate over HTTP: `POST /api/v1/payments/{id}/void` with the shop API key as a bearer token. */
export class ConvergeGateClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  void(vendorPaymentId: string, signal: AbortSignal): Promise<VendorHttpResponse> {
    return sendVendorRequest({
      method: "POST",
      url: vendorUrl(this.baseUrl, voidPath(vendorPaymentId)),
      headers: { Authorization: `Bearer ${this.apiKey}`, Accept: "*/*" },
      signal,
    });
  }
}
