import { useEffect, useRef } from "react";
import type { OperationContext } from "urql";

/**
 * How the console stays current until the API's subscriptions (paymentChanged, operationChanged)
 * take over: a view asks again, from the network, every few seconds while the tab is visible.
 * Only this module knows how; views call `useLiveRefresh(refetch)`, so subscriptions can replace
 * it in one place. Asking again keeps what is shown (urql swaps the answer in) and touches no form.
 */
export const LIVE_REFRESH_MS = 4000;

/** Whether a refresh runs now: the tab is in front. */
const visible = () => typeof document === "undefined" || document.visibilityState === "visible";

export function useLiveRefresh(refetch: (context?: Partial<OperationContext>) => void, options: { paused?: boolean } = {}): void {
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  }, [refetch]);
  const paused = options.paused ?? false;
  useEffect(() => {
    if (paused) return undefined;
    const again = () => {
      if (visible()) latest.current({ requestPolicy: "network-only" });
    };
    const timer = window.setInterval(again, LIVE_REFRESH_MS);
    // Back in front after a while: catch up at once.
    const onVisible = () => {
      if (visible()) again();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [paused]);
}
