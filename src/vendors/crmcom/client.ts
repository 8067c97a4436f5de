import { stringifyWithDecimals } from "../http/decimal-json";
import { sendVendorRequest, vendorUrl, type VendorHttpResponse } from "../http/vendor-http";
import { CRMCOM_PATHS, type CrmComCancelBody, type CrmComRejectBody } from "./contract";

/** CRM.COM over HTTP: JSON POSTs under the configured base URL (which includes CRM.COM's base path). */
export class CrmComClient {
  constructor(private readonly baseUrl: string) {}

  cancel(body: CrmComCancelBody, signal: AbortSignal): Promise<VendorHttpResponse> {
    return this.post(CRMCOM_PATHS.cancel, body, signal);
  }

  reject(body: CrmComRejectBody, signal: AbortSignal): Promise<VendorHttpResponse> {
    return this.post(CRMCOM_PATHS.reject, body, signal);
  }

  private post(path: string, body: unknown, signal: AbortSignal): Promise<VendorHttpResponse> {
    return sendVendorRequest({
      method: "POST",
      url: vendorUrl(this.baseUrl, path),
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: stringifyWithDecimals(body),
      signal,
    });
  }
}
