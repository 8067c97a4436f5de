import type { IncomingMessage } from "node:http";

/** The one charset a JSON body may declare: JSON is UTF-8 (RFC 8259); no charset means UTF-8 too. */
const UTF_8 = "utf-8";

/**
 * The charset a request's Content-Type declares when it is not UTF-8 (utf-16le, utf-32,
 * latin1 …), else undefined. body-parser would decode any `utf-*` it knows, so this is asked first.
 */
export function unsupportedCharset(req: IncomingMessage): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(req.headers["content-type"] ?? "");
  const charset = (match?.[1] ?? match?.[2])?.toLowerCase();
  return charset === undefined || charset === UTF_8 ? undefined : charset;
}
