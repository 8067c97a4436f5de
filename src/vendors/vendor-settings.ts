import { ConfigError } from "../config-error";
import type { VendorEndpoint } from "./vendor-module";

/** Readers of vendor settings, shared by the vendor modules. */
export class VendorConfigError extends ConfigError {}

export function text(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

export function baseUrl(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = text(env, name);
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new VendorConfigError(`${name} must be an http(s) URL, not "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new VendorConfigError(`${name} must be an http(s) URL, not "${raw}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new VendorConfigError(`${name} must be a plain base URL without query, fragment or credentials`);
  }
  return raw.replace(/\/+$/, "");
}

/** A secret is required with a base URL; its value is never repeated in a message. */
export function secret(env: NodeJS.ProcessEnv, name: string, urlName: string, url: string | null): string | null {
  const value = text(env, name);
  if (url !== null && value === null) throw new VendorConfigError(`${name} is required when ${urlName} is set`);
  return value;
}

/** `<urlName>` and `<secretName>`: the vendor's base URL and its credential, required together. */
export function readEndpoint(env: NodeJS.ProcessEnv, urlName: string, secretName: string): VendorEndpoint {
  const url = baseUrl(env, urlName);
  return { baseUrl: url, secret: secret(env, secretName, urlName, url), settingNames: { url: urlName, secret: secretName } };
}

export function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (raw !== "true" && raw !== "false") throw new VendorConfigError(`${name} must be true or false, not "${raw}"`);
  return raw === "true";
}

export function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new VendorConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return Number(raw);
}
