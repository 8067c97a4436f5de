import { sendVendorRequest, vendorUrl, type VendorHttpResponse } from "../http/vendor-http";
import type { PlanoCoreVoidBody } from "./contract";

/** PlanoCore over HTTP: `POST {base}{voidPath}` with a JSON body carrying the token. */
export class PlanoCoreClient {
  constructor(
    private readonly baseUrl: string,
    private readonly voidPath: string,
  ) {}

  void(body: PlanoCoreVoidBody, signal: AbortSignal): Promise<VendorHttpResponse> {
    return sendVendorRequest({
      method: "POST",
      url: vendorUrl(this.baseUrl, this.voidPath),
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      signal,
    });
  }
}
