import { useRef, useState } from "react";

/** A random key, also in pages served over plain HTTP (crypto.randomUUID needs a secure context). */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return "console-" + Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Sends an operation with an idempotency key that is kept (also across a reload of the tab)
 * until an answer arrives: a double click sends once, and a retry after a lost connection sends
 * the same key, so the API never acts twice.
 */
export function useIdempotentSubmit(name: string) {
  const storageKey = `payments-console.pending.${name}`;
  const busy = useRef(false);
  const [submitting, setSubmitting] = useState(false);

  async function submit<T>(send: (idempotencyKey: string) => Promise<{ answered: boolean; value: T }>): Promise<T | undefined> {
    if (busy.current) return undefined;
    busy.current = true;
    setSubmitting(true);
    try {
      const key = sessionStorage.getItem(storageKey) ?? newKey();
      sessionStorage.setItem(storageKey, key);
      const { answered, value } = await send(key);
      if (answered) sessionStorage.removeItem(storageKey);
      return value;
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  }
  return { submitting, submit };
}
