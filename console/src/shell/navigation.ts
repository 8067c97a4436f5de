import { useEffect, useState, type MouseEvent } from "react";

/** Every view of the console lives under this path; the rest of the address is the view. */
export const BASE = "/console";

export interface Location {
  /** The path below /console, e.g. "/payments/1001". */
  path: string;
  query: URLSearchParams;
}

function currentLocation(): Location {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : window.location.pathname;
  return { path: path.replace(/\/+$/, "") || "/", query: new URLSearchParams(window.location.search) };
}

const listeners = new Set<() => void>();

/** Goes to a view (a path below /console, with its query), as a new history entry. */
export function navigate(to: string): void {
  window.history.pushState(null, "", BASE + to);
  listeners.forEach((listener) => listener());
}

export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = () => setLocation(currentLocation());
    listeners.add(update);
    window.addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return location;
}

/** An address a link points at, and a click handler that stays in the page (new tabs still work). */
export function linkProps(to: string) {
  return {
    href: BASE + to,
    onClick(event: MouseEvent<HTMLAnchorElement>) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(to);
    },
  };
}
