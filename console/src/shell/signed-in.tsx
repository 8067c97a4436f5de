import { useEffect, useRef } from "react";
import { useQuery } from "urql";
import { ConsoleViewerQuery } from "../session/viewer";
import { OPERATION_PERMISSION, SessionContext, sessionOf, type SignedInViewer } from "../session/session";
import { Link } from "./link";
import { useLocation } from "./navigation";
import { Views } from "./views";
import { SearchBox } from "./search-box";
import { AttentionCount } from "../attention/attention-count";

/** Who is signed in: token prefix, reseller and roles; "read only" when no operation is granted. */
function Who({ viewer, readOnly }: { viewer: SignedInViewer; readOnly: boolean }) {
  const roles = viewer.roles.map((role) => role.toLowerCase()).join(", ");
  return (
    <span className="who" data-testid="who">
      <span data-testid="who-token">{viewer.tokenPrefix}</span> · <span data-testid="who-reseller">{viewer.reseller.name} ({viewer.reseller.code})</span> ·{" "}
      <span data-testid="who-roles">{roles}</span>
      {readOnly && <> · Read only</>}
    </span>
  );
}

/** The header (views, who is signed in, sign out) and the view the address names, once the API has said who the token is. */
export function SignedIn({ onSignOut }: { onSignOut: () => void }) {
  const [check] = useQuery({ query: ConsoleViewerQuery, requestPolicy: "network-only" });
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  // After a move to another view, the keyboard starts in it (a form focuses its own heading first).
  const query = location.query.toString();
  useEffect(() => {
    if (main.current && !main.current.contains(document.activeElement)) main.current.focus();
  }, [location.path, query]);
  if (check.fetching && !check.data && !check.error) return <p className="loading">Checking the token…</p>;
  const viewer = check.data?.viewer;
  if (!viewer) {
    return (
      <p role="alert" className="refusal">
        The API could not be reached: {check.error?.message ?? "no answer"}
      </p>
    );
  }
  const session = sessionOf(viewer, onSignOut);
  const readOnly = !Object.values(OPERATION_PERMISSION).some(session.may);
  const current = (prefix: string) => (location.path.startsWith(prefix) ? "page" : undefined);
  return (
    <SessionContext.Provider value={session}>
      <a href="#main" className="skip">
        Skip to content
      </a>
      <header className="bar">
        <strong>Payments console</strong>
        <nav aria-label="Views">
          <span aria-current={location.path === "/" || current("/payments")}>
            <Link to="/payments">Payments</Link>
          </span>
          {session.may("OPERATION_REVIEW") && (
            <span aria-current={current("/attention")}>
              <Link to="/attention">
                Needs attention <AttentionCount />
              </Link>
            </span>
          )}
        </nav>
        <SearchBox />
        <Who viewer={viewer} readOnly={readOnly} />
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
