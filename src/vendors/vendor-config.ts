import { ConfigError } from "../config-error";
import { DEFAULT_RESILIENCE, type ResilienceSettings } from "./resilience";

/**
 * Where each vendor lives and how to authenticate, one block per vendor. A vendor without a
 * base URL is served by its built-in emulator (with the emulator's demo secret).
 */
export interface VendorsConfig {
  resilience: ResilienceSettings;
  convergegate: { baseUrl: string | null; apiKey: string | null };
  planocore: { baseUrl: string | null; token: string | null; application: string | null; voidPath: string };
  activeplatform: { baseUrl: string | null; apiToken: string | null };
  crmcom: { baseUrl: string | null; token: string | null };
}

/** PlanoCore's page gives no path for the void route; this is the default (PLANOCORE_VOID_PATH). */
export const DEFAULT_PLANOCORE_VOID_PATH = "/api/v1/payments/void";

export class VendorConfigError extends ConfigError {}

function text(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function baseUrl(env: NodeJS.ProcessEnv, name: string): string | null {
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
function secret(env: NodeJS.ProcessEnv, name: string, urlName: string, url: string | null): string | null {
  const value = text(env, name);
  if (url !== null && value === null) throw new VendorConfigError(`${name} is required when ${urlName} is set`);
  return value;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new VendorConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return Number(raw);
}

export function loadVendorConfig(env: NodeJS.ProcessEnv = process.env): VendorsConfig {
  const convergegateUrl = baseUrl(env, "CONVERGEGATE_BASE_URL");
  const planocoreUrl = baseUrl(env, "PLANOCORE_BASE_URL");
  const activeplatformUrl = baseUrl(env, "ACTIVEPLATFORM_BASE_URL");
  const crmcomUrl = baseUrl(env, "CRMCOM_BASE_URL");

  const application = text(env, "PLANOCORE_APPLICATION");
  if (application !== null && !/^[a-z0-9][a-z0-9_-]*$/.test(application)) {
    throw new VendorConfigError(`PLANOCORE_APPLICATION must be an application slug such as "planoorder", not "${application}"`);
  }
  const voidPath = text(env, "PLANOCORE_VOID_PATH") ?? DEFAULT_PLANOCORE_VOID_PATH;
  if (!/^\/[A-Za-z0-9/_.~-]*$/.test(voidPath)) {
    throw new VendorConfigError(`PLANOCORE_VOID_PATH must be a path starting with "/", not "${voidPath}"`);
  }

  return {
    resilience: {
      timeoutMs: integer(env, "VENDOR_TIMEOUT_MS", DEFAULT_RESILIENCE.timeoutMs, 1, 600_000),
      retries: integer(env, "VENDOR_RETRIES", DEFAULT_RESILIENCE.retries, 0, 10),
      breakerFailures: integer(env, "VENDOR_BREAKER_FAILURES", DEFAULT_RESILIENCE.breakerFailures, 1, 1000),
      breakerResetMs: integer(env, "VENDOR_BREAKER_RESET_MS", DEFAULT_RESILIENCE.breakerResetMs, 1, 3_600_000),
    },
    convergegate: {
      baseUrl: convergegateUrl,
      apiKey: secret(env, "CONVERGEGATE_API_KEY", "CONVERGEGATE_BASE_URL", convergegateUrl),
    },
    planocore: {
      baseUrl: planocoreUrl,
      token: secret(env, "PLANOCORE_TOKEN", "PLANOCORE_BASE_URL", planocoreUrl),
      application,
      voidPath,
    },
    activeplatform: {
      baseUrl: activeplatformUrl,
      apiToken: secret(env, "ACTIVEPLATFORM_API_TOKEN", "ACTIVEPLATFORM_BASE_URL", activeplatformUrl),
    },
    crmcom: {
      baseUrl: crmcomUrl,
      token: secret(env, "CRMCOM_TOKEN", "CRMCOM_BASE_URL", crmcomUrl),
    },
  };
}
