import { sendVendorRequest, vendorUrl, type VendorHttpResponse } from "../http/vendor-http";
import { JSON_API_MEDIA_TYPE, paymentPath } from "./contract";

/** ActivePlatform over HTTP: the reseller payment resource, with the manager's X-Api-Token. */
export class ActivePlatformClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiToken: string,
  ) {}

  cancel(resellerId: string, paymentId: string, signal: AbortSignal): Promise<VendorHttpResponse> {
    return this.send("DELETE", resellerId, paymentId, signal);
  }

  read(resellerId: string, paymentId: string, signal: AbortSignal): Promise<VendorHttpResponse> {
    return this.send("GET", resellerId, paymentId, signal);
  }

  private send(method: "GET" | "DELETE", resellerId: string, paymentId: string, signal: AbortSignal) {
    return sendVendorRequest({
      method,
      url: vendorUrl(this.baseUrl, paymentPath(resellerId, paymentId)),
      headers: { "X-Api-Token": this.apiToken, "Content-Type": JSON_API_MEDIA_TYPE, Accept: JSON_API_MEDIA_TYPE },
      signal,
    });
  }
}
