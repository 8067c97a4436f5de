import type { ServerResponse } from "node:http";

/**
 * The Content-Security-Policy of every answer. The console and the explorer load their scripts,
 * styles, fonts and images from the API's own origin and run no inline script; pages may be
 * framed by none (`frame-ancestors 'none'`, and X-Frame-Options for older browsers), and post
 * forms nowhere else. JSON answers carry it too: a browser that renders one anyway runs nothing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const HEADERS: ReadonlyArray<[string, string]> = [
  ["content-security-policy", CONTENT_SECURITY_POLICY],
  ["x-frame-options", "DENY"],
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "no-referrer"],
  ["cross-origin-opener-policy", "same-origin"],
];

/** Sets the security headers on a response, before any step of the request can answer it. */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of HEADERS) res.setHeader(name, value);
}
