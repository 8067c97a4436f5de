/**
 * The one way the adapters talk HTTP to a vendor: global fetch, an abort signal for the
 * per-attempt timeout, and a JSON answer. Anything that is not an answer we can read becomes a
 * VendorTransportError, which says whether the request certainly never reached the vendor.
 *
 * Only that case may be sent again inside a call. A timeout, a cut answer or any 5xx (a gateway's
 * 502 or 504 included: RFC 9110 lets the upstream have acted) leaves the outcome unknown.
 */

import { subscribe } from "node:diagnostics_channel";
import { parseWithDecimals } from "./decimal-json";

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
    /** True when the request certainly never reached the vendor, so sending it again is safe. */
    readonly neverSent: boolean,
  ) {
    super(problem);
    this.name = "VendorTransportError";
  }
}

/**
 * Failures of fetch's connection step (refused, DNS, TLS handshake, connect timeout), as undici
 * publishes them: no byte of the HTTP request was written on a connection that never opened.
 */
const connectFailures = new WeakSet<object>();
subscribe("undici:client:connectError", (message) => {
  const error = (message as { error?: unknown }).error;
  if (typeof error === "object" && error !== null) connectFailures.add(error);
});

/** Codes that say no connection was made, also where the connect step is not published. */
const NOT_CONNECTED = new Map([
  ["ECONNREFUSED", "connection refused"],
  ["ENOTFOUND", "vendor host not found (ENOTFOUND)"],
  ["EAI_AGAIN", "vendor host not found (EAI_AGAIN)"],
]);

/** The innermost error with a code, and whether fetch's connection step failed on the way to it. */
function rootCause(error: unknown): { code: string | undefined; connectFailed: boolean } {
  let current: unknown = error;
  let connectFailed = false;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    connectFailed ||= connectFailures.has(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return { code, connectFailed };
    current = (current as { cause?: unknown }).cause;
  }
  return { code: undefined, connectFailed };
}

/** Why fetch failed, in words safe to show; only a connection that never opened is safe to repeat. */
function transportFailure(error: unknown, signal: AbortSignal): VendorTransportError {
  if (signal.aborted) return new VendorTransportError("no answer within the timeout", false);
  const { code, connectFailed } = rootCause(error);
  const notConnected = code === undefined ? undefined : NOT_CONNECTED.get(code);
  if (notConnected) return new VendorTransportError(notConnected, true);
  if (connectFailed) return new VendorTransportError(`connection not established (${code ?? "TLS or connect failure"})`, true);
  return new VendorTransportError(code ? `connection lost (${code})` : "connection lost", false);
}

/** Sends one request; every failure before a readable answer throws a VendorTransportError. */
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
  if (text.trim() === "") return { status: response.status, body: null };
  try {
    return { status: response.status, body: parseWithDecimals(text) };
  } catch {
    // A 5xx page of a gateway in front of the vendor (502, 504): the vendor may have acted.
    if (response.status >= 500) throw new VendorTransportError(`vendor or gateway error (HTTP ${response.status}, not the vendor's JSON)`, false);
    throw new VendorTransportError(`unreadable answer (HTTP ${response.status}, not JSON)`, false);
  }
}

/** Joins a configured base URL (which may carry a base path) and an API path. */
export function vendorUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}
