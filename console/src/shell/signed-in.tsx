import { useEffect, useRef } from "react";
import { useQuery } from "urql";
import { SessionCheckQuery } from "../session/session-check";
import { SessionContext } from "../session/session";
import { Link } from "./link";
import { useLocation } from "./navigation";
import { Views } from "./views";

/** The header (views, sign out) and the view the address names, once the token is checked. */
export function SignedIn({ onSignOut }: { onSignOut(): void }) {
  const [check] = useQuery({ query: SessionCheckQuery, requestPolicy: "network-only" });
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  // After a move to another view, the keyboard starts in it (a form focuses its own heading first).
  useEffect(() => {
    if (main.current && !main.current.contains(document.activeElement)) main.current.focus();
  }, [location.path, location.query.toString()]);
  if (check.fetching && !check.data && !check.error) return <p className="loading">Checking the token…</p>;
  const forbidden = check.error?.graphQLErrors.some((error) => error.extensions?.code === "FORBIDDEN") ?? false;
  if (check.error && !forbidden) {
    return (
      <p role="alert" className="refusal">
        The API could not be reached: {check.error.message}
      </p>
    );
  }
  const canAct = !forbidden;
  const current = (prefix: string) => (location.path.startsWith(prefix) ? "page" : undefined);
  return (
    <SessionContext.Provider value={{ canAct, signOut: onSignOut }}>
      <a href="#main" className="skip">
        Skip to content
      </a>
      <header className="bar">
        <strong>Payments console</strong>
        <nav aria-label="Views">
          <span aria-current={location.path === "/" || current("/payments")}>
            <Link to="/payments">Payments</Link>
          </span>
          {canAct && (
            <span aria-current={current("/attention")}>
              <Link to="/attention">Needs attention</Link>
            </span>
          )}
        </nav>
        <span className="who">{canAct ? "May act on payments" : "Read only"}</span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        <Views location={location} />
      </main>
    </SessionContext.Provider>
  );
}
