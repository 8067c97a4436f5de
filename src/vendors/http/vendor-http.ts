/**
 * The one way the adapters talk HTTP to a vendor: global fetch, an abort signal for the
 * per-attempt timeout, and a JSON answer. Anything that is not an answer we can read becomes a
 * VendorTransportError, which says whether sending the same request again is known to be safe.
 */

import { parseWithDecimals } from "./decimal-json";

/** HTTP statuses that a gateway or load balancer answers before the vendor saw the request. */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

export interface VendorHttpRequest {
  method: "GET" | "POST" | "DELETE";
  url: string;
  headers: Record<string, string>;
  /** Already serialised JSON, when the request has a body. */
  body?: string;
  signal: AbortSignal;
}

export interface VendorHttpResponse {
  status: number;
  /** The parsed JSON body; null when the body was empty. */
  body: unknown;
}

export class VendorTransportError extends Error {
  constructor(
    /** A short description that names no secret, fit for an unknown outcome's `cause`. */
    readonly problem: string,
    /** True when the vendor cannot have acted on the request, so sending it again is safe. */
    readonly retryable: boolean,
  ) {
    super(problem);
    this.name = "VendorTransportError";
  }
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Why fetch failed, in words safe to show; refused connections are the only retryable case. */
function transportFailure(error: unknown, signal: AbortSignal): VendorTransportError {
  if (signal.aborted) return new VendorTransportError("no answer within the timeout", false);
  const code = errorCode(error);
  if (code === "ECONNREFUSED") return new VendorTransportError("connection refused", true);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new VendorTransportError(`vendor host not found (${code})`, true);
  if (code) return new VendorTransportError(`connection lost (${code})`, false);
  return new VendorTransportError("connection lost", false);
}

export async function sendVendorRequest(request: VendorHttpRequest): Promise<VendorHttpResponse> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      redirect: "manual",
    });
  } catch (error) {
    throw transportFailure(error, request.signal);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw transportFailure(error, request.signal);
  }
  if (RETRYABLE_STATUSES.has(response.status)) {
    throw new VendorTransportError(`vendor unavailable (HTTP ${response.status})`, true);
  }
  if (text.trim() === "") return { status: response.status, body: null };
  try {
    return { status: response.status, body: parseWithDecimals(text) };
  } catch {
    throw new VendorTransportError(`unreadable answer (HTTP ${response.status}, not JSON)`, false);
  }
}

/** Joins a configured base URL (which may carry a base path) and an API path. */
export function vendorUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}
